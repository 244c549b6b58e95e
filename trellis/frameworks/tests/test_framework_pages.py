"""Framework pages: every member reads the frameworks; admins and coaches upload their own."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from trellis.frameworks.models import FrameworkVersion

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "frameworks"


def upload(client, name, text):
    file = SimpleUploadedFile(name, text.encode(), content_type="application/toml")
    return client.post("/o/acme/frameworks/upload/", {"file": file})


def test_it_lists_the_builtin_frameworks_with_their_stages(world, login):
    page = login(world.dana).get("/o/acme/frameworks/").content.decode()
    assert "STEPPPA" in page
    assert "Goal · Reality · Options · Will" in page
    assert "Upload the framework" not in page


def test_it_shows_a_frameworks_stages_and_prompts_in_three_voices(world, login):
    page = login(world.bob).get("/o/acme/frameworks/oskar/").content.decode()
    assert "Paul Z. Jackson" in page
    assert "Non-directive questions" in page and "Directive questions" in page
    assert "Scaling" in page


def test_it_stores_an_uploaded_framework_and_versions_a_changed_one(world, login):
    client = login(world.alice)
    text = (EXAMPLES / "star-check-in.toml").read_text()
    response = upload(client, "star.toml", text)
    assert response["Location"] == "/o/acme/frameworks/star-check-in/"
    assert "is stored as version 1" in client.get(response["Location"]).content.decode()
    upload(client, "star.toml", text.replace("fifteen-minute", "short"))
    page = client.get("/o/acme/frameworks/").content.decode()
    assert "STAR check-in" in page
    stored = FrameworkVersion.objects.get(org=world.org, version=2)
    assert stored.created_by == world.alice.user
    assert "STAR check-in" not in login(world.carol).get("/o/globex/frameworks/").content.decode()


def test_it_lists_every_problem_of_a_broken_upload_and_stores_nothing(world, login):
    response = upload(login(world.olga), "broken.toml", (EXAMPLES / "broken.toml").read_text())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was stored: 10 problems in the file." in page
    assert "broken.toml: stages[0].produces[0]: expected" in page
    assert not FrameworkVersion.objects.exists()


def test_it_says_clearly_that_a_builtin_key_is_taken(world, login):
    text = (EXAMPLES / "star-check-in.toml").read_text().replace('"star-check-in"', '"oskar"', 1)
    page = upload(login(world.olga), "mine.toml", text).content.decode()
    assert (
        "key: expected a key of your own: &#x27;oskar&#x27; is the built-in OSKAR framework" in page
    )
    assert not FrameworkVersion.objects.exists()


def test_it_refuses_a_file_that_is_not_text(world, login):
    file = SimpleUploadedFile("bin.toml", b"\xff\xfe\x00bad", content_type="application/toml")
    response = login(world.olga).post("/o/acme/frameworks/upload/", {"file": file})
    assert response.status_code == 400
    assert "bin.toml: line 1: expected UTF-8 text" in response.content.decode()
    latin = SimpleUploadedFile("latin.toml", b'key = "caf\xe9"', content_type="application/toml")
    response = login(world.olga).post("/o/acme/frameworks/upload/", {"file": latin})
    assert "latin.toml: line 1: expected UTF-8 text" in response.content.decode()
    assert "found the byte 0xe9 at byte 10" in response.content.decode()
    assert not FrameworkVersion.objects.exists()


def test_it_shows_the_frameworks_to_a_german_speaking_coach_in_german(world, login):
    world.alice.user.language = "de"
    world.alice.user.save(update_fields=["language"])
    page = login(world.alice).get("/o/acme/frameworks/").content.decode()
    assert "Coaching-Frameworks" in page
    assert "ein Kompass, kein Käfig" in page
