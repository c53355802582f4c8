/** Generated (never shipped) tutorial data: `flights` and `movies`, deterministic from a seed. */
import type { YamlValue } from './yaml.js';

/** A small deterministic PRNG (mulberry32) so every run indexes the same documents. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AIRPORTS = ['Sydney Kingsford Smith', 'Venice Marco Polo', 'Zurich Airport', 'Tokyo Haneda', 'Cape Town International',
  'Rio de Janeiro Galeao', 'Frankfurt am Main', 'Chicago O\'Hare', 'Mumbai Chhatrapati Shivaji', 'Oslo Gardermoen',
  'Montreal Trudeau', 'Buenos Aires Ezeiza', 'Seoul Incheon', 'Dubai International', 'Mexico City Juarez'];
const CARRIERS = ['Logstash Airways', 'JetBeats', 'Kibana Airlines', 'OpenSearch Air', 'ES-Air'];

export interface Flight {
  FlightNum: string;
  Dest: string;
  Origin: string;
  FlightDelay: boolean;
  FlightDelayMin: number;
  AvgTicketPrice: number;
  Carrier: string;
  timestamp: string;
}

export const FLIGHT_COUNT = 240;
export const MOVIE_COUNT = 40;

/** The generated flights, keyed by document id. */
export function flights(): Array<{ id: string; doc: Flight }> {
  const r = rng(20261123);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Array<{ id: string; doc: Flight }> = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < FLIGHT_COUNT; i++) {
    const origin = pick(AIRPORTS);
    let dest = pick(AIRPORTS);
    while (dest === origin) dest = pick(AIRPORTS);
    const delayed = r() < 0.3;
    out.push({
      id: `flight-${String(i).padStart(4, '0')}`,
      doc: {
        FlightNum: Math.floor(r() * 0xffffff).toString(36).toUpperCase().padStart(6, '0'),
        Dest: dest,
        Origin: origin,
        FlightDelay: delayed,
        FlightDelayMin: delayed ? 15 * (1 + Math.floor(r() * 24)) : 0,
        AvgTicketPrice: Math.round((100 + r() * 1100) * 100) / 100,
        Carrier: pick(CARRIERS),
        timestamp: new Date(start + Math.floor(r() * 300 * 86400) * 1000).toISOString(),
      },
    });
  }
  return out;
}

const WORDS = ['silent', 'river', 'night', 'iron', 'garden', 'echo', 'harbor', 'paper', 'glass', 'winter', 'signal', 'orbit'];
const PEOPLE = ['Ada Moreno', 'Bo Lindqvist', 'Chen Wei', 'Dara Okafor', 'Eli Novak', 'Farah Haddad', 'Gus Tanaka', 'Hana Kowalski'];
const GENRES = ['Drama', 'Comedy', 'Thriller', 'Sci-Fi', 'Documentary', 'Romance'];

/** The generated movies, keyed by document id. */
export function movies(): Array<{ id: string; doc: Record<string, YamlValue> }> {
  const r = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: MOVIE_COUNT }, (_, i) => {
    const year = 1960 + Math.floor(r() * 65);
    return {
      id: `movie-${i}`,
      doc: {
        title: `The ${pick(WORDS)} ${pick(WORDS)}`,
        directors: [pick(PEOPLE)],
        actors: [pick(PEOPLE), pick(PEOPLE)],
        genres: [pick(GENRES)],
        plot: `A story about ${pick(WORDS)} and ${pick(WORDS)}.`,
        release_date: `${year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
        year,
      },
    };
  });
}

export const FLIGHTS_MAPPING = {
  properties: {
    FlightNum: { type: 'keyword' }, Dest: { type: 'keyword' }, Origin: { type: 'keyword' },
    FlightDelay: { type: 'boolean' }, FlightDelayMin: { type: 'integer' }, AvgTicketPrice: { type: 'float' },
    Carrier: { type: 'keyword' }, timestamp: { type: 'date' },
  },
};

export const MOVIES_MAPPING = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword' } } }, directors: { type: 'keyword' },
    actors: { type: 'keyword' }, genres: { type: 'keyword' }, plot: { type: 'text' },
    release_date: { type: 'date' }, year: { type: 'integer' },
  },
};
