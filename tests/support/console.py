"""Use the console over plain HTTP, as a browser without JavaScript would."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import httpx2

from tests.support.flows import form_fields


class ConsoleUser:
    """A person clicking through the console (cookies kept, redirects followed by hand)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = httpx2.Client(base_url=base, timeout=30)

    def close(self) -> None:
        self.http.close()

    def _csrf(self, path: str) -> str:
        page = self.http.get(path)
        assert page.status_code == 200, page.text
        return form_fields(page.text)["csrf_token"][0]

    def connect(self, purpose: str = "connect", share_all: bool = True) -> None:
        token = self._csrf("/integrations")
        start = self.http.post("/integrations/pinterest/connect", data={"csrf_token": token, "purpose": purpose})
        assert start.status_code == 303
        consent_url = urlsplit(start.headers["location"])
        consent = self.http.get(f"{consent_url.path}?{consent_url.query}")
        fields = form_fields(consent.text)
        fields["decision"] = ["allow"]
        back = self.http.post(consent_url.path, data=fields)
        assert back.status_code in (302, 303), back.text
        callback = urlsplit(back.headers["location"])
        done = self.http.get(f"{callback.path}?{callback.query}")
        assert done.status_code == 303, done.text
        picker = self.http.get(done.headers["location"])
        fields = form_fields(picker.text)
        if share_all:
            fields["share"] = re.findall(r'name="share" value="(\d+)"', picker.text)
            for account_id in fields["share"]:
                row = picker.text.split(f'name="mode_{account_id}"')[1].split("</select>")[0]
                fields[f"mode_{account_id}"] = ["read_write" if 'value="read_write"' in row else "read"]
        saved = self.http.post("/integrations/pinterest/accounts", data=fields)
        assert saved.status_code == 303, saved.text

    def create_api_key(self, name: str = "test client") -> str:
        token = self._csrf("/settings/api-keys")
        page = self.http.post("/settings/api-keys", data={"csrf_token": token, "name": name})
        assert page.status_code == 200, page.text
        match = re.search(r'<pre id="new-api-key">([^<]+)</pre>', page.text)
        assert match, "the new key is shown once"
        return unescape(match.group(1))

    def status(self) -> str:
        page = self.http.get("/integrations")
        match = re.search(r'data-testid="connection-status">([^<]+)<', page.text)
        assert match
        return match.group(1)
