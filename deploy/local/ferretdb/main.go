// Command rhythm-ferretdb runs FerretDB v1 (MongoDB wire protocol) on top of the
// local PostgreSQL cluster, for the native dev stack (deploy/local/stack.sh).
//
// The released cmd/ferretdb panics when built from the module cache (no
// build/version/version.txt), so we embed github.com/FerretDB/FerretDB/ferretdb.
//
// Usage:
//
//	rhythm-ferretdb [-listen ADDR] [-postgresql-url URL] [-log-level LEVEL]
//	rhythm-ferretdb ping [-timeout D] ADDR   # health check: OP_MSG {ping: 1}, exits 0 when ok
//
// Flags default to the environment variables FERRETDB_LISTEN_ADDR,
// FERRETDB_POSTGRESQL_URL and FERRETDB_LOG_LEVEL.
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "ping" {
		os.Exit(pingMain(os.Args[2:]))
	}
	os.Exit(serveMain(os.Args[1:]))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func serveMain(args []string) int {
	fs := flag.NewFlagSet("rhythm-ferretdb", flag.ExitOnError)
	listen := fs.String("listen", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:57017"), "TCP listen address")
	pgURL := fs.String("postgresql-url", envOr("FERRETDB_POSTGRESQL_URL",
		"postgres://rhythm:rhythm@127.0.0.1:55432/ferretdb"), "PostgreSQL backend URL")
	level := fs.String("log-level", envOr("FERRETDB_LOG_LEVEL", "warn"),
		"FerretDB's own log level: debug, info (logs every connection), warn or error")
	_ = fs.Parse(args)

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(os.Stderr, "rhythm-ferretdb: bad -log-level %q: %v\n", *level, err)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))
	slog.SetDefault(logger)
	// lifecycle messages of this wrapper are always logged
	life := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("name", "rhythm-ferretdb")

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		life.Error("cannot start FerretDB", "error", err)
		return 1
	}

	life.Info("listening", "tcp", *listen, "backend", redact(*pgURL), "log_level", lvl.String(), "pid", os.Getpid())
	if err := f.Run(ctx); err != nil {
		life.Error("FerretDB stopped with an error", "error", err)
		return 1
	}
	life.Info("stopped")
	return 0
}

// redact hides the password of a postgres:// URL for logging.
func redact(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 {
		return u
	}
	userinfo := u[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return u[:scheme+3] + userinfo[:i] + ":xxxxx" + u[at:]
	}
	return u
}

// pingMain sends {ping: 1, $db: "admin"} as an OP_MSG and checks {ok: 1}.
// FerretDB's ping also checks the PostgreSQL backend, so success means the whole path works.
func pingMain(args []string) int {
	fs := flag.NewFlagSet("ping", flag.ExitOnError)
	timeout := fs.Duration("timeout", 3*time.Second, "overall timeout")
	_ = fs.Parse(args)
	addr := "127.0.0.1:57017"
	if fs.NArg() > 0 {
		addr = fs.Arg(0)
	}
	if err := ping(addr, *timeout); err != nil {
		fmt.Fprintf(os.Stderr, "ping %s: %v\n", addr, err)
		return 1
	}
	return 0
}

func ping(addr string, timeout time.Duration) error {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))

	// BSON document {ping: int32(1), $db: "admin"}
	var doc bytes.Buffer
	doc.WriteByte(0x10) // int32
	doc.WriteString("ping\x00")
	_ = binary.Write(&doc, binary.LittleEndian, int32(1))
	doc.WriteByte(0x02) // string
	doc.WriteString("$db\x00")
	_ = binary.Write(&doc, binary.LittleEndian, int32(len("admin")+1))
	doc.WriteString("admin\x00")
	doc.WriteByte(0x00)
	bson := make([]byte, 4, 4+doc.Len())
	binary.LittleEndian.PutUint32(bson, uint32(4+doc.Len()))
	bson = append(bson, doc.Bytes()...)

	// OP_MSG: header(16) + flagBits(4) + section kind 0 (1) + document
	const opMsg = 2013
	body := append([]byte{0, 0, 0, 0, 0}, bson...)
	msg := make([]byte, 16, 16+len(body))
	binary.LittleEndian.PutUint32(msg[0:], uint32(16+len(body)))
	binary.LittleEndian.PutUint32(msg[4:], 1) // requestID
	binary.LittleEndian.PutUint32(msg[8:], 0) // responseTo
	binary.LittleEndian.PutUint32(msg[12:], opMsg)
	msg = append(msg, body...)
	if _, err = conn.Write(msg); err != nil {
		return err
	}

	hdr := make([]byte, 16)
	if _, err = io.ReadFull(conn, hdr); err != nil {
		return fmt.Errorf("reading reply header: %w", err)
	}
	n := binary.LittleEndian.Uint32(hdr[0:])
	if n < 16+5+5 || n > 16<<20 {
		return fmt.Errorf("bad reply length %d", n)
	}
	if op := binary.LittleEndian.Uint32(hdr[12:]); op != opMsg {
		return fmt.Errorf("unexpected reply opcode %d", op)
	}
	rest := make([]byte, n-16)
	if _, err = io.ReadFull(conn, rest); err != nil {
		return fmt.Errorf("reading reply: %w", err)
	}
	if rest[4] != 0 {
		return errors.New("unexpected reply section kind")
	}
	ok, errmsg := scanOK(rest[5:])
	if ok != 1 {
		if errmsg == "" {
			errmsg = "ok != 1"
		}
		return errors.New(errmsg)
	}
	return nil
}

// scanOK reads the top-level "ok" (double/int32/int64) and "errmsg" fields of a BSON document.
func scanOK(b []byte) (ok float64, errmsg string) {
	if len(b) < 5 {
		return 0, "short reply"
	}
	end := int(binary.LittleEndian.Uint32(b))
	if end > len(b) {
		return 0, "truncated reply"
	}
	i := 4
	for i < end-1 {
		t := b[i]
		i++
		j := bytes.IndexByte(b[i:], 0)
		if j < 0 {
			return 0, "bad reply"
		}
		name := string(b[i : i+j])
		i += j + 1
		switch t {
		case 0x01: // double
			if name == "ok" {
				ok = math.Float64frombits(binary.LittleEndian.Uint64(b[i:]))
			}
			i += 8
		case 0x10: // int32
			if name == "ok" {
				ok = float64(int32(binary.LittleEndian.Uint32(b[i:])))
			}
			i += 4
		case 0x12, 0x09, 0x11: // int64, datetime, timestamp
			if name == "ok" {
				ok = float64(int64(binary.LittleEndian.Uint64(b[i:])))
			}
			i += 8
		case 0x02: // string
			l := int(binary.LittleEndian.Uint32(b[i:]))
			if name == "errmsg" && l > 0 {
				errmsg = string(b[i+4 : i+4+l-1])
			}
			i += 4 + l
		case 0x03, 0x04: // document, array
			i += int(binary.LittleEndian.Uint32(b[i:]))
		case 0x08: // bool
			i++
		case 0x0A: // null
		case 0x07: // ObjectId
			i += 12
		case 0x05: // binary
			i += 4 + 1 + int(binary.LittleEndian.Uint32(b[i:]))
		default:
			return ok, errmsg // unknown type: stop scanning, keep what we have
		}
	}
	return ok, errmsg
}
