package org.opensearch.security.privileges.dlsfls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.opensearch.common.settings.Settings;

/**
 * Referee for the 3.x plugin (opensearch-security 3.4.x): reads JSON lines
 * {id, op: "mask"|"validate", expression, value, salt, algorithmDefault?} on stdin and writes
 * {id, ok, value} or {id, ok: false, error: exception class, message} per line on stdout.
 * mask: FieldMaskingRule.Field(FieldMaskingExpression, Config.fromSettings(settings)).apply(value)
 * (the constructor is package-private, hence this package); validate: the roles REST API check
 * (new FieldMaskingExpression(expression)).
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
}
