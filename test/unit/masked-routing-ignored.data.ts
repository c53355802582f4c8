/**
 * Search hits REAL OpenSearch nodes returned to a user with one role (`fls` / `masked_fields` below) on index
 * `rtig-probe` (1 shard; `num` integer with ignore_malformed, `kw` keyword ignore_above 3), 2026-12-03 11:43 UTC,
 * probe run by the masked-routing-ignored helper: 2.19.4 (security 2.19.4.0, BLAKE2B_LEGACY_DEFAULT) and 3.4.0
 * (security 3.4.0.0, BLAKE2B), salt `fgac-local-salt-2f8a1c` on both. Generated from the probe's JSON (plain
 * search, sorted by `name`; `_index`, `_score` and `sort` left out), not edited. Documents: `1` routed `r1` (`_ignored`
 * holds `num`, the malformed number; `kw` over ignore_above adds nothing), `abc` routed `Route-7`, `n-3` unrouted.
 * `fields: ['_routing', '_ignored']` and `stored_fields` gave the same hits; docvalue_fields, sort and terms aggs on
 * either field fail on both nodes (no fielddata), with or without masks.
 */
export const SALT = 'fgac-local-salt-2f8a1c';
export const INDEX = 'rtig-probe';
export const ALGORITHM: Record<string, 'BLAKE2B_LEGACY_DEFAULT' | 'BLAKE2B'> = { '2.19.4': 'BLAKE2B_LEGACY_DEFAULT', '3.4.0': 'BLAKE2B' };

/** The indexed documents by id, and their routing (`?routing=`). */
export const DOCS: Record<string, Record<string, unknown>> = { '1': { name: 'N1', kw: 'long', num: 'bad' }, abc: { name: 'N2', kw: 'ab' }, 'n-3': { name: 'N3', kw: 'longer' } };
export const ROUTING: Record<string, string> = { '1': 'r1', abc: 'Route-7' };

export interface ObservedSet { fls?: string[]; masked: string[]; hits: Array<Record<string, unknown>> }

/** node version -> role sets in the order probed, each with the hits the user got. */
export const OBSERVED: Record<string, ObservedSet[]> = {
  "2.19.4": [
    { masked: ["name"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "fa3388e3792ca19f7a085c1cfea8fb2cdb297ff4e2f6a7e708027a686f960228", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "fb8a2f625407ec59c7d3ff977a9a96ff23dbbb156a972c35d2fd0966084afe33", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "08a6bf3d98f144ecfee50770f629a279034e7438a9af0270a46cce0f8fd13f3c", "kw": "longer"}},
    ] },
    { masked: ["*"], hits: [
      {"_id": "N2Q5ODg3Y2I2MWRkMzU0ZDVlMDJmODkzM2U4ZDQ4MzE3N2Y5YmJkYTFlZDk5ZmJmODRmMzVkN2ZlYzViZGY4Mw", "_source": {"num": "f1f8899f2f024f2ec19bbdd80fd7a95324019e35456ad8f5ce403d3b78e9204d", "name": "fa3388e3792ca19f7a085c1cfea8fb2cdb297ff4e2f6a7e708027a686f960228", "kw": "c57d72eb2acf3201dac656e864a1a724fe0d77632f3905c252fe1f1a5b5e3e5b"}},
      {"_id": "Nzc4ZmU0MDg3ZmRhMzJmMjAxZWI1ZWUwMmQxOTI0ZTQ5YzYyZjkxNmIxYjJmYmM3YTMxNzMxMjNmMzA0NzJiZA", "_source": {"name": "fb8a2f625407ec59c7d3ff977a9a96ff23dbbb156a972c35d2fd0966084afe33", "kw": "f2ed26e84348d9c7a63c18a92244cf2b1d49fecbe1ade8efab2deed67925d107"}},
      {"_id": "ZmJiOTZkZjg0YWY2M2ZiMmQzMWIyMjA2YTdmNjJkMzljNWRlNWJmYzFmNWI5MmNlNzA5Y2JmY2FkNWRiYjExNg", "_source": {"name": "08a6bf3d98f144ecfee50770f629a279034e7438a9af0270a46cce0f8fd13f3c", "kw": "179c6b77e2222b111806ff0bed12a5eb6394b701a6f22ca417d4abaf1f2f8d9f"}},
    ] },
    { masked: ["_r*"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["*g"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["/_.*/"], hits: [
      {"_id": "N2Q5ODg3Y2I2MWRkMzU0ZDVlMDJmODkzM2U4ZDQ4MzE3N2Y5YmJkYTFlZDk5ZmJmODRmMzVkN2ZlYzViZGY4Mw", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "Nzc4ZmU0MDg3ZmRhMzJmMjAxZWI1ZWUwMmQxOTI0ZTQ5YzYyZjkxNmIxYjJmYmM3YTMxNzMxMjNmMzA0NzJiZA", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "ZmJiOTZkZjg0YWY2M2ZiMmQzMWIyMjA2YTdmNjJkMzljNWRlNWJmYzFmNWI5MmNlNzA5Y2JmY2FkNWRiYjExNg", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_routing::SHA-256"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_routing::/r/::X"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_ignored"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_ignored::/k/::Z"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["/_r.*/::/[0-9]/::N"], hits: [
      {"_id": "1", "_source": {"num": "bad", "name": "N1", "kw": "long"}},
      {"_id": "abc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { fls: ["~name"], masked: ["*"], hits: [
      {"_id": "N2Q5ODg3Y2I2MWRkMzU0ZDVlMDJmODkzM2U4ZDQ4MzE3N2Y5YmJkYTFlZDk5ZmJmODRmMzVkN2ZlYzViZGY4Mw", "_source": {"num": "f1f8899f2f024f2ec19bbdd80fd7a95324019e35456ad8f5ce403d3b78e9204d", "kw": "c57d72eb2acf3201dac656e864a1a724fe0d77632f3905c252fe1f1a5b5e3e5b"}},
      {"_id": "Nzc4ZmU0MDg3ZmRhMzJmMjAxZWI1ZWUwMmQxOTI0ZTQ5YzYyZjkxNmIxYjJmYmM3YTMxNzMxMjNmMzA0NzJiZA", "_source": {"kw": "f2ed26e84348d9c7a63c18a92244cf2b1d49fecbe1ade8efab2deed67925d107"}},
      {"_id": "ZmJiOTZkZjg0YWY2M2ZiMmQzMWIyMjA2YTdmNjJkMzljNWRlNWJmYzFmNWI5MmNlNzA5Y2JmY2FkNWRiYjExNg", "_source": {"kw": "179c6b77e2222b111806ff0bed12a5eb6394b701a6f22ca417d4abaf1f2f8d9f"}},
    ] },
    { fls: ["name"], masked: ["_r*"], hits: [
      {"_id": "1", "_source": {"name": "N1"}},
      {"_id": "abc", "_source": {"name": "N2"}},
      {"_id": "n-3", "_source": {"name": "N3"}},
    ] },
    { fls: ["~name"], masked: [], hits: [
      {"_id": "1", "_source": {"kw": "long", "num": "bad"}},
      {"_id": "abc", "_source": {"kw": "ab"}},
      {"_id": "n-3", "_source": {"kw": "longer"}},
    ] },
  ],
  "3.4.0": [
    { masked: ["name"], hits: [
      {"_id": "1", "_routing": "r1", "_ignored": ["num"], "_source": {"name": "d0463bf5421905734de17a9b0f1b7ec1ac7ff0dacc47f6e5adaac9dc1717a397", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-7", "_source": {"name": "03f2239b42464e960c0b1fc07932885e6a68e23062c1693bbc7e03c138940a94", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "105f12a16641d33c687357eafa774118d83f5a30c4b2277e38bdbe21d825b3e6", "kw": "longer"}},
    ] },
    { masked: ["*"], hits: [
      {"_id": "MmUzYzQ2YTQ2MjYwMjUyODZiNjUwYzA2ZTdjMmY5Y2EzNDMzN2U1YWQwOTY4MjA3ZjEwNjNkZDM2MDYwOGU2MQ", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["9974d1f2ad65f8ca427743f275f271bc05b7140a442cf77dbada3afb84497ee0"], "_source": {"name": "d0463bf5421905734de17a9b0f1b7ec1ac7ff0dacc47f6e5adaac9dc1717a397", "kw": "6c433eb2dd4afdda666e9a4982587626f67b96bd4a498eb5a3899aef4039f6ea", "num": "0997f765b18157ef578a4bf00e116868eda159c041547ff268066046da661564"}},
      {"_id": "NDU3YWUyYThiYzk2ZjExZWI2MjkzMTczMGE2MTc4ZDE2NDRiYThkNWFlODAyMTY5YmJjYThmYWRmNzIzODVmYg", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"name": "03f2239b42464e960c0b1fc07932885e6a68e23062c1693bbc7e03c138940a94", "kw": "bc6aaf3659e6d532284a92faae536e7aafcc2d464ec06c94e23f4abfdd85b29d"}},
      {"_id": "ODZmZjQ3YmI2NTA5ZjlmZGJhNTI2YTQ3N2ZkMmFkMjAyM2FmOGQ1NzBhY2ExZmM1MjFlNDVhOGZjMWI2YmQ4OQ", "_source": {"name": "105f12a16641d33c687357eafa774118d83f5a30c4b2277e38bdbe21d825b3e6", "kw": "8293adadb6cb3d652a02cacdf2109de81dcdfa5e6887e6cb1adfe2b6e328cb02"}},
    ] },
    { masked: ["_r*"], hits: [
      {"_id": "1", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["*g"], hits: [
      {"_id": "1", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["/_.*/"], hits: [
      {"_id": "MmUzYzQ2YTQ2MjYwMjUyODZiNjUwYzA2ZTdjMmY5Y2EzNDMzN2U1YWQwOTY4MjA3ZjEwNjNkZDM2MDYwOGU2MQ", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["9974d1f2ad65f8ca427743f275f271bc05b7140a442cf77dbada3afb84497ee0"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "NDU3YWUyYThiYzk2ZjExZWI2MjkzMTczMGE2MTc4ZDE2NDRiYThkNWFlODAyMTY5YmJjYThmYWRmNzIzODVmYg", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "ODZmZjQ3YmI2NTA5ZjlmZGJhNTI2YTQ3N2ZkMmFkMjAyM2FmOGQ1NzBhY2ExZmM1MjFlNDVhOGZjMWI2YmQ4OQ", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_routing::SHA-256"], hits: [
      {"_id": "1", "_routing": "82f3e9c695dc6b8d1b11818d5701919e286de8d47f7c3eb3100c485f79e57828", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "4d1720c2af9c61795fe1bf363cd568b7bb6dbd56519e5a98bc080c2e43e5cbfc", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_routing::/r/::X"], hits: [
      {"_id": "1", "_routing": "X1", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-7", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_ignored"], hits: [
      {"_id": "1", "_routing": "r1", "_ignored": ["9974d1f2ad65f8ca427743f275f271bc05b7140a442cf77dbada3afb84497ee0"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-7", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["_ignored::/k/::Z"], hits: [
      {"_id": "1", "_routing": "r1", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-7", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { masked: ["/_r.*/::/[0-9]/::N"], hits: [
      {"_id": "1", "_routing": "rN", "_ignored": ["num"], "_source": {"name": "N1", "kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-N", "_source": {"name": "N2", "kw": "ab"}},
      {"_id": "n-3", "_source": {"name": "N3", "kw": "longer"}},
    ] },
    { fls: ["~name"], masked: ["*"], hits: [
      {"_id": "MmUzYzQ2YTQ2MjYwMjUyODZiNjUwYzA2ZTdjMmY5Y2EzNDMzN2U1YWQwOTY4MjA3ZjEwNjNkZDM2MDYwOGU2MQ", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["9974d1f2ad65f8ca427743f275f271bc05b7140a442cf77dbada3afb84497ee0"], "_source": {"kw": "6c433eb2dd4afdda666e9a4982587626f67b96bd4a498eb5a3899aef4039f6ea", "num": "0997f765b18157ef578a4bf00e116868eda159c041547ff268066046da661564"}},
      {"_id": "NDU3YWUyYThiYzk2ZjExZWI2MjkzMTczMGE2MTc4ZDE2NDRiYThkNWFlODAyMTY5YmJjYThmYWRmNzIzODVmYg", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"kw": "bc6aaf3659e6d532284a92faae536e7aafcc2d464ec06c94e23f4abfdd85b29d"}},
      {"_id": "ODZmZjQ3YmI2NTA5ZjlmZGJhNTI2YTQ3N2ZkMmFkMjAyM2FmOGQ1NzBhY2ExZmM1MjFlNDVhOGZjMWI2YmQ4OQ", "_source": {"kw": "8293adadb6cb3d652a02cacdf2109de81dcdfa5e6887e6cb1adfe2b6e328cb02"}},
    ] },
    { fls: ["name"], masked: ["_r*"], hits: [
      {"_id": "1", "_routing": "df88efa3d5358b6e13e10b74dc3b6ce61aa82a56db922c569ad9ba8564e5d7c4", "_ignored": ["num"], "_source": {"name": "N1"}},
      {"_id": "abc", "_routing": "372520036a270c920306c8cf87a76bdad1751e52c35de36dc391faecf95d633c", "_source": {"name": "N2"}},
      {"_id": "n-3", "_source": {"name": "N3"}},
    ] },
    { fls: ["~name"], masked: [], hits: [
      {"_id": "1", "_routing": "r1", "_ignored": ["num"], "_source": {"kw": "long", "num": "bad"}},
      {"_id": "abc", "_routing": "Route-7", "_source": {"kw": "ab"}},
      {"_id": "n-3", "_source": {"kw": "longer"}},
    ] },
  ],
};
