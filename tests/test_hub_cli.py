"""The office server from the command line: an administrator sets the hub up and
registers laptops; a laptop checks its connection as its own role."""

from __future__ import annotations

import json

from support.hub import admin

from coordinator_app.hub import credentials
from coordinator_app.hub.connection import address
from coordinator_app.hub.devices import device_role

UA = "Асоціація прифронтових міст та громад"


def test_an_administrator_sets_up_the_hub_and_registers_this_laptop(
        cli, demo_file, hub_admin_url, memory_keyring):
    made = cli("hub", "init", "--url", hub_admin_url, "--association", UA, db=demo_file)
    assert made.returncode == 0, made.stderr
    assert f"ready for “{UA}”" in made.stdout
    added = cli("hub", "add-device", "--url", hub_admin_url, "--association", UA, "--json",
                db=demo_file)
    assert added.returncode == 0, added.stderr
    document = json.loads(added.stdout)
    assert document["association"] == UA and "password" not in document
    assert credentials.password(address(hub_admin_url), device_role(document["device"]))
    server = hub_admin_url.replace(hub_admin_url.split("//")[1].split("@")[0] + "@", "")
    status = cli("hub", "status", "--server", server, "--json", db=demo_file)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) == {"server": address(hub_admin_url),
                                         "device": document["device"], "association": UA,
                                         "synced_at": None}


def test_another_laptop_is_registered_with_a_password_shown_once_and_removed(
        cli, demo_file, hub_admin_url, memory_keyring):
    cli("hub", "init", "--url", hub_admin_url, "--association", UA, db=demo_file)
    device = "0f2b7c1e-3d4a-4e5f-8a9b-0c1d2e3f4a5b"
    added = cli("hub", "add-device", "--url", hub_admin_url, "--association", UA,
                "--device", device, db=demo_file)
    assert added.returncode == 0, added.stderr
    assert device_role(device) in added.stdout and memory_keyring.entries == {}
    removed = cli("hub", "remove-device", "--url", hub_admin_url, "--device", device,
                  db=demo_file)
    assert removed.returncode == 0, removed.stderr
    with admin(hub_admin_url) as conn:
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                            (device_role(device),)).fetchone() == (False,)


def test_mistakes_are_said_without_a_traceback(cli, demo_file, hub_admin_url, memory_keyring):
    not_yet = cli("hub", "add-device", "--url", hub_admin_url, "--association", UA,
                  "--device", "0f2b7c1e-3d4a-4e5f-8a9b-0c1d2e3f4a5b", db=demo_file)
    assert not_yet.returncode == 1 and "not a Coordinator hub yet" in not_yet.stderr
    unregistered = cli("hub", "status", "--server", hub_admin_url.split("@")[1],
                       db=demo_file)
    assert unregistered.returncode == 1 and "not registered" in unregistered.stderr
    wrong = hub_admin_url.replace("postgres:", "postgres:Sekret42", 1)
    refused = cli("hub", "init", "--url", wrong, "--association", UA, db=demo_file)
    assert refused.returncode == 1 and "refused" in refused.stderr
    assert "Sekret42" not in refused.stderr  # the password typed is never printed
    assert "Traceback" not in refused.stderr
