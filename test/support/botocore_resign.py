"""Re-signs requests that a server received with botocore's SigV4Auth, one JSON object per line.

A long-lived helper: the test starts ONE process and writes one request per line on stdin; for
each it prints one JSON line on stdout (flushed), in the same order. Nothing is sent anywhere.

Input line: {id, method, url (the raw request target, path + optional ?query, as received),
headers {lower-case name: [values]} (the headers the client listed in SignedHeaders),
bodyB64, region, service, amzDate (the received X-Amz-Date), accessKeyId, secretAccessKey,
sessionToken (or null)}.

Output line: {id, ok: true, url: {...}, params: {...}, payloadHash} or {id, ok: false, error}.
`url` is botocore signing the exact URL received (its canonical query is then the raw query
pairs, sorted, NOT decoded and re-encoded); `params` is botocore signing the same request with
the query decoded into `AWSRequest.params` (how botocore signs its own requests: each key and
value percent-encoded by botocore). Each has authorization, signature, signedHeaders,
canonicalRequest. `payloadHash` is botocore's own SHA-256 of the body bytes (SigV4Auth.payload),
computed independently of the x-amz-content-sha256 header the client sent.
"""
import base64
import datetime
import json
import re
import sys
from urllib.parse import parse_qsl, urlsplit

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class RecordingSigV4Auth(SigV4Auth):
    """SigV4Auth that keeps the canonical request add_auth signed (for diagnostics)."""

    last_canonical = ""

    def canonical_request(self, request):
        self.last_canonical = super().canonical_request(request)
        return self.last_canonical


def fixed_clock(amz_date):
    moment = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ")
    # botocore.auth calls the module-level get_current_datetime() in add_auth.
    botocore.auth.get_current_datetime = lambda *args, **kwargs: moment


def build(spec, body, with_params):
    headers = {}
    for name, values in spec["headers"].items():
        headers[name] = ",".join(values)
    url = "http://" + ",".join(spec["headers"].get("host", ["localhost"])) + spec["url"]
    params = None
    if with_params:
        query = urlsplit(url).query
        params = parse_qsl(query, keep_blank_values=True) if query else None
    return AWSRequest(method=spec["method"], url=url, data=body, headers=headers, params=params)


def sign(spec, body, with_params):
    request = build(spec, body, with_params)
    creds = Credentials(spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken"))
    signer = RecordingSigV4Auth(creds, spec["service"], spec["region"])
    fixed_clock(spec["amzDate"])
    signer.add_auth(request)
    canonical = signer.last_canonical
    authorization = request.headers["Authorization"]
    signature = re.search(r"Signature=([0-9a-f]+)", authorization).group(1)
    signed = re.search(r"SignedHeaders=([^,]+)", authorization).group(1)
    return {"authorization": authorization, "signature": signature, "signedHeaders": signed, "canonicalRequest": canonical}


def handle(spec):
    body = base64.b64decode(spec.get("bodyB64") or "")
    out = {"id": spec.get("id"), "ok": True}
    out["url"] = sign(spec, body, False)
    out["params"] = sign(spec, body, True)
    probe = build(spec, body, False)
    if "x-amz-content-sha256" in probe.headers:
        del probe.headers["x-amz-content-sha256"]
    out["payloadHash"] = SigV4Auth(None, spec["service"], spec["region"]).payload(probe)
    return out


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            spec = json.loads(line)
        except ValueError as err:
            print(json.dumps({"id": None, "ok": False, "error": "bad json: %s" % err}), flush=True)
            continue
        try:
            out = handle(spec)
        except Exception as err:  # report, keep serving
            out = {"id": spec.get("id"), "ok": False, "error": "%s: %s" % (type(err).__name__, err)}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
