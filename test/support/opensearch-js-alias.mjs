// Points every `@opensearch-project/opensearch[/...]` import and require of the process at another
// installed copy of opensearch-js, so the same test files run against the other major.
//
//   FGAC_OPENSEARCH_JS=opensearch-js-2 node --import tsx --import ./test/support/opensearch-js-alias.mjs --test ...
//
// FGAC_OPENSEARCH_JS names a package in node_modules (the npm alias devDependency
// `opensearch-js-2` = `npm:@opensearch-project/opensearch@^2`). ESM imports are redirected by a
// module.register() resolve hook (registered after tsx, so it runs first), CommonJS requires by
// wrapping Module._resolveFilename. Only the bare specifier is rewritten: the copy's own relative
// requires stay inside it.
import Module, { register } from 'node:module';

const target = process.env.FGAC_OPENSEARCH_JS;
if (target) {
  const FROM = '@opensearch-project/opensearch';
  /** `@opensearch-project/opensearch[/sub]` -> `<target>[/sub]`; anything else unchanged. */
  const rewrite = (specifier, from, to) =>
    specifier === from || specifier.startsWith(`${from}/`) ? to + specifier.slice(from.length) : specifier;

  const hook = `const rewrite = ${rewrite.toString()};
    export async function resolve(specifier, context, next) {
      return next(rewrite(specifier, ${JSON.stringify(FROM)}, ${JSON.stringify(target)}), context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);

  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveFilename(request, ...rest) {
    return original.call(this, typeof request === 'string' ? rewrite(request, FROM, target) : request, ...rest);
  };
}
