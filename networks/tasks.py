from django.core.mail import EmailMessage
from django.tasks import task


@task
def send_email(subject, body, to):
    """Send one plain-text email; a task, so a slow mail server never holds up a page."""
    EmailMessage(subject, body, to=[to]).send()
