package org.opensearch.security.configuration;

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
import org.opensearch.security.support.WildcardMatcher;

/**
 * Referee for the 2.x plugin (opensearch-security 2.19.x): reads JSON lines
 * {id, op: "mask"|"validate", expression, value, salt, algorithmDefault?} on stdin and writes
 * {id, ok, value} or {id, ok: false, error: exception class, message} per line on stdout.
 * mask: new MaskedField(expression, Salt.from(settings), algorithmDefault).mask(value), as the
 * plugin's search path builds it; validate: the roles REST API check (MaskedField#isValid);
 * pattern: WildcardMatcher.from(expression).test(field).
 */
public final class RefereeV2 {
    private RefereeV2() {}

    public static void main(String[] args) throws Exception {
        // The plugin registers Bouncy Castle as an extra JCA provider at start-up (OpenSearchSecurityPlugin#tryAddSecurityProvider).
        Provider bc = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider").getDeclaredConstructor().newInstance();
        Security.addProvider(bc);
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
                String algorithmDefault = req.hasNonNull("algorithmDefault") ? req.get("algorithmDefault").asText() : null;
                if (algorithmDefault != null) sb.put("plugins.security.masked_fields.algorithm.default", algorithmDefault);
                Settings settings = sb.build();
                String expression = req.get("expression").asText();
                if ("pattern".equals(req.get("op").asText())) {
                    res.put("ok", true);
                    res.put("value", Boolean.toString(WildcardMatcher.from(expression).test(req.get("field").asText())));
                } else if ("validate".equals(req.get("op").asText())) {
                    new MaskedField(expression, Salt.from(settings), settings.get("plugins.security.masked_fields.algorithm.default")).isValid();
                    res.put("ok", true);
                } else {
                    MaskedField mf = new MaskedField(expression, Salt.from(settings), settings.get("plugins.security.masked_fields.algorithm.default"));
                    res.put("ok", true);
                    res.put("value", mf.mask(req.get("value").asText()));
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
