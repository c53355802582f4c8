package org.opensearch.security.privileges.dlsfls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.opensearch.common.settings.Settings;
import org.opensearch.security.support.WildcardMatcher;

/**
 * Referee for the 3.x plugin (opensearch-security 3.4.x): reads JSON lines
 * {id, op: "mask"|"validate", expression, value, salt, algorithmDefault?} on stdin and writes
 * {id, ok, value} or {id, ok: false, error: exception class, message} per line on stdout.
 * mask: FieldMaskingRule.Field(FieldMaskingExpression, Config.fromSettings(settings)).apply(value)
 * (the constructor is package-private, hence this package); validate: the roles REST API check
 * (new FieldMaskingExpression(expression)). Field matching: pattern = WildcardMatcher#test; fls =
 * FieldPrivileges.FlsRule.of(patterns).isAllowedRecursive(field) (one role); maskmatch = the source of
 * FieldMaskingRule.of(config, patterns).get(field), or "<none>".
 */
public final class RefereeV3 {
    private RefereeV3() {}

    public static void main(String[] args) throws Exception {
        // The plugin registers the Bouncy Castle FIPS provider at start-up (OpenSearchSecuritySSLPlugin#tryAddSecurityProvider).
        if (Security.getProvider("BCFIPS") == null) {
            Provider bc = (Provider) Class.forName("org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider").getDeclaredConstructor().newInstance();
            Security.addProvider(bc);
        }
        ObjectMapper mapper = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = System.out;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            JsonNode req = mapper.readTree(line);
            ObjectNode res = mapper.createObjectNode();
            res.set("id", req.get("id"));
            try {
                Settings.Builder sb = Settings.builder();
                if (req.hasNonNull("salt")) sb.put("plugins.security.compliance.salt", req.get("salt").asText());
                if (req.hasNonNull("algorithmDefault")) {
                    sb.put("plugins.security.masked_fields.algorithm.default", req.get("algorithmDefault").asText());
                }
                String op = req.get("op").asText();
                if (op.equals("pattern") || op.equals("fls") || op.equals("maskmatch")) {
                    res.put("value", matchField(op, req, sb.build()));
                    res.put("ok", true);
                    out.write(mapper.writeValueAsBytes(res));
                    out.write('\n');
                    continue;
                }
                String expression = req.get("expression").asText();
                FieldMasking.FieldMaskingExpression parsed = new FieldMasking.FieldMaskingExpression(expression);
                res.put("ok", true);
                if (!"validate".equals(req.get("op").asText())) {
                    FieldMasking.Config config = FieldMasking.Config.fromSettings(sb.build());
                    res.put("value", new FieldMasking.FieldMaskingRule.Field(parsed, config).apply(req.get("value").asText()));
                }
            } catch (Throwable e) {
                res.put("ok", false);
                res.put("error", e.getClass().getName());
                res.put("message", e.getMessage());
            }
            out.write(mapper.writeValueAsBytes(res));
            out.write('\n');
        }
        out.flush();
    }

    private static String matchField(String op, JsonNode req, Settings settings) throws Exception {
        String field = req.get("field").asText();
        List<String> patterns = new ArrayList<>();
        if (req.has("patterns")) req.get("patterns").forEach((n) -> patterns.add(n.asText()));
        switch (op) {
            case "pattern":
                return Boolean.toString(WildcardMatcher.from(req.get("expression").asText()).test(field));
            case "fls":
                return Boolean.toString(FieldPrivileges.FlsRule.of(patterns.toArray(new String[0])).isAllowedRecursive(field));
            default:
                FieldMasking.FieldMaskingRule.Field f = FieldMasking.FieldMaskingRule.of(FieldMasking.Config.fromSettings(settings), patterns.toArray(new String[0])).get(field);
                return f == null ? "<none>" : f.getSource();
        }
    }
}
