import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';

/**
 * Renders a screen or component as the console would: a fresh query client (no retries) and a
 * memory router at `path`. `routes` lets a test mount a screen under its real route pattern.
 */
export function renderWithConsole(
  element: ReactElement,
  {
    path = '/',
    pattern = '*',
    routes = [],
  }: { path?: string; pattern?: string; routes?: RouteObject[] } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const router = createMemoryRouter([{ path: pattern, element }, ...routes], {
    initialEntries: [path],
  });
  return {
    queryClient,
    router,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  };
}

/** A stand-in for the gateway in component tests: answers by method and path, records requests. */
export type StubAnswer = unknown;

export function stubApi(routes: Record<string, StubAnswer>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchStub = jest.fn((input: string | URL, init?: RequestInit) => {
    const url = new URL(input, 'http://console.test');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const key = Object.keys(routes).find((route) => {
      const [routeMethod, routePath] = route.includes(' ') ? route.split(' ') : ['GET', route];
      return (
        routeMethod === method &&
        (routePath === url.pathname || routePath === url.pathname + url.search)
      );
    });
    if (!key)
      return Promise.resolve(
        new Response(JSON.stringify({ message: 'not found' }), { status: 404 }),
      );
    const answer = routes[key];
    const value: unknown =
      typeof answer === 'function' ? (answer as (body: unknown) => unknown)(body) : answer;
    if (value instanceof Response) return Promise.resolve(value);
    return Promise.resolve(
      new Response(JSON.stringify(value), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  });
  global.fetch = fetchStub as unknown as typeof fetch;
  return { calls, fetchStub };
}
