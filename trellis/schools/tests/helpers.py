"""What the schools tests share: Acme as a school (Lincoln Elementary) where Bob teaches grade 3
mathematics, Pam is the principal, Alice the instructional coach assigned to it."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from trellis.accounts.models import Membership, User
from trellis.schools.models import School, SchoolAssignment, SchoolSetup, TeacherProfile


def person(org, email: str, name: str, **roles: bool) -> Membership:
    user = User.objects.create(email=email, name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return Membership.objects.create(org=org, user=user, **roles)


@dataclass
class Lincoln:
    school: School
    principal: Membership
    carol_school: School


def school_for(world) -> Lincoln:
    """Lincoln Elementary in Acme: Bob teaches grade 3 maths, Alice coaches there, Pam leads it
    Globex gets a school of its own for Carol."""
    SchoolSetup.objects.get_or_create(org=world.org, defaults={"hours_target": 20})
    school = School.objects.create(org=world.org, name="Lincoln Elementary")
    TeacherProfile.objects.create(
        org=world.org, membership=world.bob, school=school, grades=["3"], subjects=["Mathematics"]
    )
    SchoolAssignment.objects.create(
        org=world.org, school=school, membership=world.alice, role=SchoolAssignment.Role.COACH
    )
    pam = person(world.org, "pam@acme.test", "Pam Principal")
    SchoolAssignment.objects.create(
        org=world.org, school=school, membership=pam, role=SchoolAssignment.Role.PRINCIPAL
    )
    carol_school = School.objects.create(org=world.carol_org, name="Globex Academy")
    TeacherProfile.objects.create(
        org=world.carol_org, membership=world.carol, school=carol_school, grades=["5"]
    )
    return Lincoln(school, pam, carol_school)
