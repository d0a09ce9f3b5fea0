import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/http';
import { ErrorMessage } from '../../ui';
import type { OrgTree } from './api';

type Addition = 'tribe' | 'squad' | 'chapter' | 'guild' | 'person' | 'member';
const additions: readonly Addition[] = ['tribe', 'squad', 'chapter', 'guild', 'person', 'member'];

/** The fields each addition asks for, in order; the org service's DTOs decide what is required. */
const fieldsOf: Record<Addition, readonly string[]> = {
  tribe: ['name', 'mission'],
  squad: ['tribeId', 'name', 'mission'],
  chapter: ['tribeId', 'name', 'craft'],
  guild: ['name', 'interest'],
  person: ['name', 'email'],
  member: ['unit', 'personId'],
};

/** The service's word on a field: 400 answers name each field at fault (`fields`). */
export function problemWith(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.body.fields;
  if (fields && typeof fields === 'object' && field in fields) {
    return String((fields as Record<string, unknown>)[field]);
  }
  return error.fieldMessage(field);
}

/** Where an addition is sent (the org service's own paths) and with what. */
function commandOf(addition: Addition, values: Record<string, string>) {
  const text = (field: string) => values[field]?.trim() ?? '';
  const optional = (field: string) => (text(field) ? { [field]: text(field) } : {});
  switch (addition) {
    case 'tribe':
      return { path: '/tribes', body: { name: text('name'), ...optional('mission') } };
    case 'squad':
      return {
        path: '/squads',
        body: { tribeId: text('tribeId'), name: text('name'), ...optional('mission') },
      };
    case 'chapter':
      return {
        path: '/chapters',
        body: { tribeId: text('tribeId'), name: text('name'), craft: text('craft') },
      };
    case 'guild':
      return { path: '/guilds', body: { name: text('name'), ...optional('interest') } };
    case 'person':
      return { path: '/people', body: { name: text('name'), email: text('email') } };
    case 'member': {
      const [kind, unitId] = text('unit').split(':');
      return { path: `/${kind}s/${unitId}/members`, body: { personId: text('personId') } };
    }
    default:
      return assertNever(addition);
  }
}

/** For admins: add a tribe, squad, chapter, guild or person, or a member to a unit. */
export function AddToOrganisation({ tree }: { readonly tree: OrgTree }) {
  const { t } = useTranslation('organisation');
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [addition, setAddition] = useState<Addition>('tribe');
  const [values, setValues] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<unknown>('org', path, body),
    onSuccess: () => {
      setValues({});
      return queryClient.invalidateQueries({ queryKey: ['org'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(commandOf(addition, values));
  };
  const people = [
    ...new Map(
      [
        ...tree.tribes.flatMap((tribe) => [
          ...(tribe.lead ? [tribe.lead] : []),
          ...tribe.squads.flatMap((squad) => squad.members),
          ...tribe.chapters.flatMap((chapter) => chapter.members),
        ]),
        ...tree.guilds.flatMap((guild) => guild.members),
        ...tree.withoutSquad,
      ].map((person) => [person.personId, person]),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const units = [
    ...tree.tribes.flatMap((tribe) => [
      ...tribe.squads.map((squad) => ({
        value: `squad:${squad.squadId}`,
        kind: 'squad',
        name: squad.name,
      })),
      ...tribe.chapters.map((chapter) => ({
        value: `chapter:${chapter.chapterId}`,
        kind: 'chapter',
        name: chapter.name,
      })),
    ]),
    ...tree.guilds.map((guild) => ({
      value: `guild:${guild.guildId}`,
      kind: 'guild',
      name: guild.name,
    })),
  ];

  const field = (name: string) => {
    const fieldId = `${id}-${name}`;
    const problem = problemWith(add.error, name === 'unit' ? 'personId' : name);
    const common = {
      id: fieldId,
      value: values[name] ?? '',
      'aria-invalid': problem !== undefined,
      'aria-describedby': problem ? `${fieldId}-problem` : undefined,
    };
    const set = (value: string) => setValues((current) => ({ ...current, [name]: value }));
    const choices =
      name === 'tribeId'
        ? tree.tribes.map((tribe) => ({ value: tribe.tribeId, label: tribe.name }))
        : name === 'unit'
          ? units.map((unit) => ({
              value: unit.value,
              label: t('add.unitOption', { kind: t(`common:units.${unit.kind}`), name: unit.name }),
            }))
          : name === 'personId'
            ? people.map((person) => ({ value: person.personId, label: person.name }))
            : undefined;
    return (
      <div key={name} className="org-add__field">
        <label htmlFor={fieldId}>{t(`add.fields.${name}`)}</label>
        {choices ? (
          <select {...common} required onChange={(event) => set(event.target.value)}>
            <option value="">{t('add.choose')}</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={name === 'email' ? 'email' : 'text'}
            onChange={(event) => set(event.target.value)}
          />
        )}
        {problem && (
          <span id={`${fieldId}-problem`} className="field-error">
            {problem}
          </span>
        )}
      </div>
    );
  };

  return (
    <section className="card org-add" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        <button type="button" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
          {t('add.heading')}
        </button>
      </h2>
      {open && (
        <form onSubmit={submit} noValidate>
          <div className="org-add__field">
            <label htmlFor={`${id}-what`}>{t('add.what')}</label>
            <select
              id={`${id}-what`}
              value={addition}
              onChange={(event) => {
                setAddition(event.target.value as Addition);
                add.reset();
              }}
            >
              {additions.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {t(`add.kinds.${candidate}`)}
                </option>
              ))}
            </select>
          </div>
          {fieldsOf[addition].map(field)}
          <button type="submit" className="primary" disabled={add.isPending}>
            {t('add.submit')}
          </button>
          {add.isError && <ErrorMessage error={add.error} />}
          <p role="status">{add.isSuccess ? t('add.done') : ''}</p>
        </form>
      )}
    </section>
  );
}

function assertNever(value: never): never {
  throw new Error(`Unknown addition ${String(value)}`);
}
