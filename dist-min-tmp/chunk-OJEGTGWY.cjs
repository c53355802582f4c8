"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }// src/errors/secrets.ts
var MIN_SECRET_LENGTH = 4;
var MAX_FORMS = 8192;
var PINNED_FORMS = 256;
var MAX_ROTATING_FORMS = 2048;
var SecretSet = class _SecretSet {
  #forms = /* @__PURE__ */ new Set();
  #rotating = /* @__PURE__ */ new Set();
  #parent;
  #sorted;
  #parentSeen;
  /** `parent`: a set whose secrets this one also holds (e.g. one attempt's signature on top of the client's set). */
  constructor(parent) {
    this.#parent = parent;
  }
  /** Adds a secret (ignored when not a string or too short); its encoded forms are added too. */
  add(value, options = {}) {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
    const rotating = options.rotating === true;
    const target = rotating ? this.#rotating : this.#forms;
    for (const form of encodedForms(value)) {
      if (form.length < MIN_SECRET_LENGTH || this.#forms.has(form) || this.#rotating.has(form)) continue;
      target.add(form);
      this.#sorted = void 0;
    }
    if (rotating) evictOldest(this.#rotating, MAX_ROTATING_FORMS, 0);
    else evictOldest(this.#forms, MAX_FORMS, PINNED_FORMS);
  }
  /** A new set holding this set's secrets (as they are now and later) plus `values`. */
  with(values) {
    const child = new _SecretSet(this);
    for (const value of values) child.add(value);
    return child;
  }
  /** Every form to look for, longest first (so a longer form is replaced before its parts). */
  forms() {
    const inherited = _optionalChain([this, 'access', _ => _.#parent, 'optionalAccess', _2 => _2.forms, 'call', _3 => _3()]);
    if (inherited !== this.#parentSeen) this.#sorted = void 0;
    if (this.#sorted === void 0) {
      this.#parentSeen = inherited;
      const all = new Set(_nullishCoalesce(inherited, () => ( [])));
      for (const form of this.#forms) all.add(form);
      for (const form of this.#rotating) all.add(form);
      this.#sorted = [...all].sort((a, b) => b.length - a.length);
    }
    return this.#sorted;
  }
  /** True when this set is `other` or holds it as a parent (so it redacts at least what `other` does). */
  inherits(other) {
    return this === other || (_nullishCoalesce(_optionalChain([this, 'access', _4 => _4.#parent, 'optionalAccess', _5 => _5.inherits, 'call', _6 => _6(other)]), () => ( false)));
  }
  /** True when no secret is held. */
  get empty() {
    return this.#forms.size === 0 && this.#rotating.size === 0 && (_nullishCoalesce(_optionalChain([this, 'access', _7 => _7.#parent, 'optionalAccess', _8 => _8.empty]), () => ( true)));
  }
};
function evictOldest(set, max, keep) {
  if (set.size <= max) return;
  let index = 0;
  for (const form of set) {
    if (set.size <= max) return;
    if (index++ >= keep) set.delete(form);
  }
}
function base64Cores(bytes) {
  const cores = [];
  for (const offset of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString("base64").replace(/=+$/, "");
    const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const tail = padded.length % 3 === 0 ? 0 : 1;
    const core = encoded.slice(skip, encoded.length - tail);
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}
function encodedForms(value) {
  const forms = [value];
  const utf8 = Buffer.from(value, "utf8");
  const base64 = utf8.toString("base64");
  forms.push(base64, base64.replace(/=+$/, ""), utf8.toString("base64url"), ...base64Cores(utf8));
  try {
    const component = encodeURIComponent(value);
    forms.push(component, encodeURI(value), component.replace(/%20/g, "+"), component.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
  } catch (e) {
  }
  const escaped = JSON.stringify(value).slice(1, -1);
  forms.push(escaped, JSON.stringify(escaped).slice(1, -1));
  forms.push(value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));
  return forms;
}
var sets = /* @__PURE__ */ new WeakMap();
function secretsOf(owner) {
  let set = sets.get(owner);
  if (set === void 0) {
    set = new SecretSet();
    sets.set(owner, set);
  }
  return set;
}
function attachSecrets(owner, set) {
  sets.set(owner, set);
}





exports.SecretSet = SecretSet; exports.secretsOf = secretsOf; exports.attachSecrets = attachSecrets;
//# sourceMappingURL=chunk-OJEGTGWY.cjs.map