"""A real SAML 2.0 identity provider for the SSO tests: pysaml2's Server (signing with the xmlsec1
program) behind a tiny WSGI app with its own sign-in page.

Environment: PORT; SP_ENTITY_ID and SP_ACS (the service provider it trusts: Trellis's SAML
metadata URL and ACS URL for one organization); PEOPLE (JSON: {"login": {"email", "givenName",
"sn", "role"}}), a login not in PEOPLE being its own email address. It serves
/metadata (its IdP metadata), /sso/redirect (HTTP-Redirect binding) and /login."""

import datetime
import html
import json
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

PORT = int(os.environ["PORT"])
BASE = f"http://127.0.0.1:{PORT}"
SP_ENTITY_ID = os.environ["SP_ENTITY_ID"]
SP_ACS = os.environ["SP_ACS"]
PEOPLE = json.loads(os.environ.get("PEOPLE", "{}"))
HERE = Path(tempfile.mkdtemp(prefix="trellis-saml-idp-"))


def self_signed() -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Trellis test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = HERE / "idp.key", HERE / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


SP_METADATA = f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{html.escape(SP_ENTITY_ID)}">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="{BINDING_HTTP_POST}" Location="{html.escape(SP_ACS)}" index="1"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>"""


def server() -> Server:
    key_file, cert_file = self_signed()
    sp_file = HERE / "sp.xml"
    sp_file.write_text(SP_METADATA)
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{BASE}/metadata",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{BASE}/sso/redirect", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "want_authn_requests_signed": False,
                }
            },
            "key_file": str(key_file),
            "cert_file": str(cert_file),
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "metadata": {"local": [str(sp_file)]},
        }
    )
    return Server(config=config)


IDP = server()
PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
PENDING: dict[str, tuple[str, str]] = {}  # sign-in form key -> (AuthnRequest id, RelayState)

LOGIN_PAGE = """<!doctype html><html><head><title>Test IdP sign-in</title></head><body>
<h1>Test IdP</h1><form method="post" action="/login"><input type="hidden" name="key" value="{key}">
<label>Username <input name="username" autocomplete="off"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in at the IdP</button></form></body></html>"""


def answer(start, status: str, body: str, content_type: str = "text/html") -> list[bytes]:
    start(status, [("Content-Type", f"{content_type}; charset=utf-8")])
    return [body.encode()]


def app(environ, start):
    path = environ["PATH_INFO"]
    if path == "/metadata":
        return answer(
            start, "200 OK", create_metadata_string(None, IDP.config).decode(), "text/xml"
        )
    if path == "/sso/redirect":
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        request = IDP.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        key = os.urandom(8).hex()
        PENDING[key] = (request.message.id, query.get("RelayState", ""))
        return answer(start, "200 OK", LOGIN_PAGE.format(key=key))
    if path == "/login" and environ["REQUEST_METHOD"] == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
        request_id, relay_state = PENDING.pop(form["key"])
        login = form["username"].strip()
        person = PEOPLE.get(login, {"email": login})
        identity = {  # standard names, sent as their OIDs (urn:oid:...), as most IdPs do
            "mail": [person["email"]],
            "givenName": [person.get("givenName", "")],
            "sn": [person.get("sn", "")],
            "eduPersonEntitlement": person.get("role", []),
        }
        response = IDP.create_authn_response(
            identity={k: v for k, v in identity.items() if v and v != [""]},
            in_response_to=request_id,
            destination=SP_ACS,
            sp_entity_id=SP_ENTITY_ID,
            userid=login,
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT, sp_name_qualifier=SP_ENTITY_ID, text=login
            ),
            authn={"class_ref": PASSWORD_PROTECTED, "authn_auth": BASE},
            sign_assertion=True,
            sign_response=True,
            sign_alg=SIG_RSA_SHA256,  # the SP refuses SHA-1, as it should
            digest_alg=DIGEST_SHA256,
        )
        binding = IDP.apply_binding(
            BINDING_HTTP_POST, str(response), SP_ACS, relay_state, response=True
        )
        return answer(start, "200 OK", binding["data"])
    return answer(start, "404 Not Found", "not here", "text/plain")


class Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    httpd = make_server("127.0.0.1", PORT, app, handler_class=Quiet)
    sys.stdout.write(f"listening on {BASE}\n")
    sys.stdout.flush()
    httpd.serve_forever()
