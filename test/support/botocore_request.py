"""Signs one request with botocore's SigV4Auth (an implementation independent of ours) and sends it.

Reads a JSON object on stdin: url, method, body (string or null), region, service,
credentials {accessKeyId, secretAccessKey, sessionToken?}, caFile, headers (optional).
Prints a JSON object: status, headers, body.
"""
import json
import ssl
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
creds = spec["credentials"]
body = spec.get("body")
data = body.encode("utf-8") if body is not None else None
headers = {"content-type": "application/json"} if data is not None else {}
headers.update(spec.get("headers") or {})
aws_request = AWSRequest(method=spec["method"], url=spec["url"], data=data, headers=headers)
SigV4Auth(
    Credentials(creds["accessKeyId"], creds["secretAccessKey"], creds.get("sessionToken")),
    spec["service"],
    spec["region"],
).add_auth(aws_request)
prepared = aws_request.prepare()
req = urllib.request.Request(prepared.url, data=data, method=spec["method"], headers=dict(prepared.headers.items()))
ctx = ssl.create_default_context(cafile=spec["caFile"])
try:
    with urllib.request.urlopen(req, context=ctx, timeout=30) as res:
        out = {"status": res.status, "headers": dict(res.headers.items()), "body": res.read().decode("utf-8")}
except urllib.error.HTTPError as err:
    out = {"status": err.code, "headers": dict(err.headers.items()), "body": err.read().decode("utf-8")}
print(json.dumps(out))
