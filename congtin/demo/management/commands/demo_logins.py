"""Print the demo accounts' second-factor secrets (make run shows them)."""

from django.core.management.base import BaseCommand

from congtin.demo.second_factor import demo_logins


class Command(BaseCommand):
    help = (
        "In khóa bí mật xác thực hai bước của các tài khoản mẫu (base32 và "
        "địa chỉ otpauth:// để tạo mã QR)."
    )

    def handle(self, *args, **options):
        rows = sorted(demo_logins())
        if not rows:
            return
        self.stdout.write(
            "  Xác thực hai bước (thêm vào ứng dụng xác thực bằng khóa base32 "
            "hoặc địa chỉ otpauth://):"
        )
        for username, secret, url in rows:
            self.stdout.write(f"    {username:<20} {secret}")
            self.stdout.write(f"    {'':<20} {url}")
