"""Remove a person's second factor from the server's shell (the last superuser's
lost phone); logged like a reset in the admin, with no one as the actor."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from congtin.twofactor import devices


class Command(BaseCommand):
    help = (
        "Đặt lại xác thực hai bước của một tài khoản: xóa ứng dụng xác thực và mã "
        "dự phòng; lần đăng nhập tới, người đó đăng ký lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"Không có tài khoản “{username}”.") from None
        devices.reset(user, None)
        self.stdout.write(f"Đã đặt lại xác thực hai bước của “{username}”.")
