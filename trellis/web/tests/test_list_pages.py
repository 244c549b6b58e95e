"""List pages show one page at a time, with search and filters that keep the other parameters."""

from trellis.accounts.models import AuditEvent
from trellis.accounts.services import audit_record
from trellis.engagements.models import Engagement
from trellis.engagements.tests.agreements import agree
from trellis.web.tests.bulk import grow


def test_it_finds_people_by_name_or_email_role_and_team(world, login):
    grow(world.org, coachees=60, coach=world.alice)
    client = login(world.olga)
    body = client.get("/o/acme/people/").content.decode()
    assert "1\u201325 of 64" in body and "page 1 of 3" in body  # 60 coachees and the 4 personas
    assert 'href="?page=2"' in body
    body = client.get("/o/acme/people/?q=BOB@acme").content.decode()
    assert "Bob Coachee" in body and "Alice Coach" not in body
    body = client.get("/o/acme/people/?q=alice").content.decode()
    assert "Alice Coach" in body and "Bob Coachee" not in body
    body = client.get("/o/acme/people/?role=sponsor").content.decode()
    assert "Dana Sponsor" in body and "Bob Coachee" not in body and "(1)" in body
    body = client.get("/o/acme/people/?role=coachee&team=Sales&page=2").content.decode()
    assert "(12)" in body and "Bob Coachee" not in body  # one page only: 12 fit on it
    assert 'href="?role=coachee&amp;team=Sales' not in body


def test_it_says_what_is_wrong_with_a_filter_instead_of_failing(world, login):
    response = login(world.olga).get("/o/acme/people/?role=emperor&team=Nowhere&page=x")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. emperor is not one of the available choices." in body
    assert "Bob Coachee" in body  # everyone, unfiltered


def test_it_keeps_the_search_when_turning_pages(world, login):
    grow(world.org, coachees=60, coach=world.alice)
    body = login(world.olga).get("/o/acme/people/?role=coachee").content.decode()
    assert 'href="?role=coachee&amp;page=2"' in body


def test_it_pages_the_coachs_plans_and_filters_what_needs_attention(world, login):
    grow(world.org, coachees=30, coach=world.alice, sponsor=world.dana)
    client = login(world.alice)
    body = client.get("/o/acme/plans/").content.decode()
    assert "1\u201325 of 31" in body
    needs = client.get("/o/acme/plans/?attention=needs").content.decode()
    fine = client.get("/o/acme/plans/?attention=ok").content.decode()
    assert "Bob Coachee" in fine and "Bob Coachee" not in needs  # Bob's plan is empty and new
    assert "Needs attention" in needs and "overdue" in needs
    for engagement in Engagement.objects.filter(sponsor=world.dana):
        agree(engagement)  # goal summaries are on the sponsor's side of each contract
    body = login(world.dana).get("/o/acme/plans/?spage=2").content.decode()
    assert "26\u201331 of 31" in body and "1 shared goal" in body


def test_it_pages_the_admins_counts_of_plans(world, login):
    grow(world.org, coachees=30, coach=world.alice)
    body = login(world.olga).get("/o/acme/plans/?apage=2").content.decode()
    assert "26\u201331 of 31" in body


def test_it_shows_the_first_engagements_on_the_home_page_and_links_to_all(world, login):
    grow(world.org, coachees=12, coach=world.alice)
    body = login(world.alice).get("/o/acme/").content.decode()
    assert "See all 13 engagements" in body
    assert body.count("/o/acme/engagements/") - body.count("/o/acme/engagements/new/") >= 10


def test_it_pages_the_audit_log_and_filters_it_by_kind(world, login):
    for n in range(55):
        audit_record(
            kind=AuditEvent.Kind.EXPORT, actor=world.olga.user, org=world.org, what=f"f{n}"
        )
    audit_record(kind=AuditEvent.Kind.SETTINGS_CHANGED, actor=world.olga.user, org=world.org)
    client = login(world.olga)
    body = client.get("/o/acme/audit/").content.decode()
    assert "page 1 of 3" in body and "1\u201325 of" in body
    body = client.get("/o/acme/audit/?kind=settings_changed").content.decode()
    assert (
        "Organization settings changed" in body and "Data exported" not in body.split("<table>")[1]
    )


def test_it_finds_engagements_by_name_status_and_coach(world, login):
    grow(world.org, coachees=60, coach=world.alice, for_coach=5, extra_coaches=2)
    client = login(world.olga)
    body = client.get("/o/acme/engagements/").content.decode()
    assert "1\u201325 of 61" in body and "page 1 of 3" in body
    body = client.get("/o/acme/engagements/?q=bob@acme").content.decode()
    assert "Bob Coachee" in body and "of 1" not in body and body.count("<tr>") == 2
    body = client.get("/o/acme/engagements/?coach=alice%20coach").content.decode()
    assert "Bob Coachee" in body and "page 1 of" not in body  # Alice coaches 6: one page
    body = client.get("/o/acme/engagements/?status=paused").content.decode()
    assert "No engagement matches." in body
    alice_view = login(world.alice).get("/o/acme/engagements/").content.decode()
    assert 'name="coach"' not in alice_view  # only an admin filters by coach
