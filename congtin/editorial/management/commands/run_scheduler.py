"""Run scheduled publishing and expiry, and the other apps' per-minute hooks,
every minute, on the minute, until stopped."""

import signal

from django.core.management.base import BaseCommand, CommandError

from congtin.editorial import scheduler


class Command(BaseCommand):
    help = (
        "Chạy publish_scheduled của Wagtail vào đầu mỗi phút: đăng các bài đã duyệt "
        "đến giờ xuất bản và gỡ các bài hết hạn, rồi các việc định kỳ khác (gửi "
        "lại thư xác nhận bị gián đoạn). Chỉ chạy một tiến trình cho mỗi hệ thống."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Chạy một lượt rồi thoát.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=scheduler.DEFAULT_INTERVAL,
            help="Số giây giữa hai lượt, tính từ mốc 0 giờ (mặc định 60: đầu mỗi phút).",
        )

    def handle(self, *args, once=False, interval=scheduler.DEFAULT_INTERVAL, **options):
        if not interval or interval <= 0:
            raise CommandError("--interval phải là số giây lớn hơn 0.")
        self.verbosity = options.get("verbosity", 1)
        self.last_errors = {}

        if once:
            result = self.tick()
            if not result.ok:
                raise CommandError("Lượt chạy lịch xuất bản gặp lỗi, xem ở trên.")
            return

        runner = scheduler.build_scheduler(self.tick, interval)

        def request_stop(signum, frame):
            runner.stop()

        previous = {
            signum: signal.signal(signum, request_stop)
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            if self.verbosity:
                self.say(
                    f"Bộ lập lịch đã chạy: mỗi {interval:g} giây "
                    "(dừng bằng Ctrl+C hoặc SIGTERM)."
                )
            runner.start()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if self.verbosity:
            self.say("Bộ lập lịch đã dừng.")

    def tick(self):
        result = scheduler.run_tick(stdout=self.stdout)
        errors = {name: trace.rstrip() for name, trace in result.errors}
        for name, trace in errors.items():
            # A database outage fails every minute the same way: print the
            # traceback when the failure starts or changes, then one line a minute.
            if self.last_errors.get(name) != trace.splitlines()[-1]:
                self.stderr.write(f"Lỗi khi chạy {name}:\n{trace}")
        self.last_errors = {
            name: trace.splitlines()[-1] for name, trace in errors.items()
        }
        if errors:
            self.stderr.write(scheduler.describe(result))
            self.stderr.flush()
        elif self.verbosity:
            self.say(scheduler.describe(result))
        return result

    def say(self, line: str) -> None:
        self.stdout.write(line)
        # Under `make run` or systemd the output is a pipe; show each line as it
        # happens instead of when the buffer fills.
        self.stdout.flush()
