/** Indexes the generated tutorial data (idempotent: skipped when the counts already match). */
import { FLIGHT_COUNT, FLIGHTS_MAPPING, MOVIE_COUNT, MOVIES_MAPPING, flights, movies } from './seed-data.js';
import { request } from './http.js';

async function ensureIndex(url: string, basic: string, ca: Buffer, index: string, mapping: object,
  docs: Array<{ id: string; doc: object }>): Promise<number> {
  const count = await request(`${url}/${index}/_count`, { basic, ca });
  if (count.status === 200 && count.json<{ count: number }>().count === docs.length) return docs.length;
  await request(`${url}/${index}`, { method: 'DELETE', basic, ca });
  const created = await request(`${url}/${index}`, {
    method: 'PUT', basic, ca, body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: mapping }),
  });
  if (created.status !== 200) throw new Error(`create ${index}: ${created.status} ${created.text}`);
  const lines = docs.flatMap(({ id, doc }) => [JSON.stringify({ index: { _index: index, _id: id } }), JSON.stringify(doc)]);
  const bulk = await request(`${url}/_bulk?refresh=true`, {
    method: 'POST', basic, ca, body: lines.join('\n') + '\n', headers: { 'content-type': 'application/x-ndjson' },
  });
  const result = bulk.json<{ errors: boolean }>();
  if (bulk.status !== 200 || result.errors) throw new Error(`bulk ${index}: ${bulk.status} ${bulk.text.slice(0, 500)}`);
  return docs.length;
}

/** Creates `flights` and `movies` with the generated documents. */
export async function seedIndices(url: string, basic: string, ca: Buffer): Promise<{ flights: number; movies: number }> {
  return {
    flights: await ensureIndex(url, basic, ca, 'flights', FLIGHTS_MAPPING, flights()),
    movies: await ensureIndex(url, basic, ca, 'movies', MOVIES_MAPPING, movies()),
  };
}

export { FLIGHT_COUNT, MOVIE_COUNT };
