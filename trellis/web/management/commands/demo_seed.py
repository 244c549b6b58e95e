from django.core.management.base import BaseCommand

from trellis.web import demo


class Command(BaseCommand):
    help = "Create or refresh the demo organizations (running it twice changes nothing) and print their logins."

    def handle(self, *args: object, **options: object) -> None:
        logins = demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo ready. Sign in at http://127.0.0.1:8000/ with:"))
        width = max(len(email) for email, _, _ in logins)
        for email, password, who in logins:
            self.stdout.write(f"  {email.ljust(width)}  {password}   {who}")
