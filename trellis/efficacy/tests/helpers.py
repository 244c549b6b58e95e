"""What the efficacy tests share: a peer program in Acme where Alice coaches in the pool and Bob
is enrolled, and more participants with attributes to compare."""

from django.utils import timezone

from trellis.accounts.models import Membership, Team, User

SLUG = "peers-2027"


def peer_program(world, name: str = "Peers 2027"):
    from trellis.programs import services

    program = services.program_create(
        actor=world.olga,
        template_key="mentoring",
        name=name,
        starts_on=timezone.localdate(),
        pool=[services.PoolPlace(world.alice, 3, "Mentors new leads.")],
    )
    services.program_enrol(actor=world.olga, program=program, members=[world.bob])
    return program


def participant(world, program, name: str, team: str = "", zone: str = "Europe/London"):
    from trellis.programs import services

    email = f"{name.split()[0].lower()}@acme.test"
    user = User.objects.create(email=email, name=name, time_zone=zone)
    member = Membership.objects.create(
        org=world.org,
        user=user,
        is_coachee=True,
        team=Team.objects.get_or_create(org=world.org, name=team)[0] if team else None,
    )
    services.program_enrol(actor=world.olga, program=program, members=[member])
    return member
