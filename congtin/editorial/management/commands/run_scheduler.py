"""Run scheduled publishing and expiry, and the other apps' per-minute hooks,
every minute, on the minute, until stopped.

Started on several app servers, one runs the rounds and the others stand by to
take over (``congtin.editorial.scheduler_lock``); ``--once`` runs one round, after
the round under way elsewhere if there is one."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from congtin.editorial import scheduler, scheduler_lock

# Seconds --once waits for a round under way elsewhere before giving up.
ONCE_WAIT = 300


class Command(BaseCommand):
    help = (
        "Chạy publish_scheduled của Wagtail vào đầu mỗi phút: đăng các bài đã duyệt "
        "đến giờ xuất bản và gỡ các bài hết hạn, rồi các việc định kỳ khác (gửi "
        "lại thư xác nhận bị gián đoạn). Có thể chạy trên mọi máy chủ ứng dụng: một "
        "tiến trình chạy, các tiến trình khác chờ dự phòng và tiếp quản khi nó dừng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help=(
                "Chạy một lượt rồi thoát; nếu một lượt khác đang chạy thì chờ lượt "
                "đó xong rồi mới chạy."
            ),
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
        self.lock_error = None
        try:
            locks = scheduler_lock.for_database()
        except NotImplementedError:
            raise CommandError(
                "run_scheduler chỉ chạy với PostgreSQL hoặc SQLite."
            ) from None
        try:
            if once:
                self.run_once(locks)
            else:
                self.serve(locks, interval)
        finally:
            locks.close()

    def run_once(self, locks) -> None:
        # Never at the same time as another round (a leader's, another --once):
        # wait for it to end, then run this one.
        with locks.round(timeout=ONCE_WAIT) as held:
            if not held and locks.error:
                raise CommandError(
                    f"Không lấy được khóa của bộ lập lịch: {locks.error}"
                )
            if not held:
                raise CommandError(
                    f"Sau {ONCE_WAIT:g} giây vẫn chưa đến lượt (một lượt khác của "
                    "bộ lập lịch chưa xong): lượt này không chạy."
                )
            result = self.tick()
        if not result.ok:
            raise CommandError("Lượt chạy lịch xuất bản gặp lỗi, xem ở trên.")

    def serve(self, locks, interval: float) -> None:
        """Lead, or wait as a standby and take over, until SIGTERM or SIGINT."""
        stopping = threading.Event()
        self.runner = None

        def request_stop(signum, frame):
            stopping.set()
            if self.runner is not None:
                self.runner.stop()

        previous = {
            signum: signal.signal(signum, request_stop)
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        standing_by = False
        try:
            while not stopping.is_set():
                if not locks.try_lead():
                    self.report_lock_error(locks)
                    if not locks.error and not standing_by:
                        standing_by = True
                        holder = locks.leader()
                        self.say(
                            "Một bộ lập lịch khác đang chạy"
                            + (f" ({holder})" if holder else "")
                            + ": tiến trình này chờ dự phòng và sẽ tiếp quản khi "
                            "bộ kia dừng."
                        )
                    stopping.wait(scheduler_lock.STANDBY_POLL)
                    continue
                standing_by = False
                self.lost_lead = False
                self.runner = scheduler.build_scheduler(
                    lambda: self.lead(locks, stopping), interval
                )
                if stopping.is_set():
                    break
                self.say(
                    f"Bộ lập lịch đã chạy: mỗi {interval:g} giây "
                    "(dừng bằng Ctrl+C hoặc SIGTERM)."
                )
                self.runner.start()
                self.runner = None
                if self.lost_lead:
                    self.report_lock_error(locks)
                    self.stderr.write(
                        "Bộ lập lịch không còn giữ khóa chạy chính: thôi chạy các "
                        "lượt, chờ dự phòng."
                    )
                    self.stderr.flush()
                    locks.release_lead()
                    # A standby gets its turn, and a flapping database no busy loop.
                    stopping.wait(scheduler_lock.STANDBY_POLL)
                    continue
                locks.release_lead()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.say("Bộ lập lịch đã dừng.")

    def lead(self, locks, stopping):
        """One round as the leader, after checking it still is one."""
        if not locks.leading():
            self.lost_lead = True
            self.runner.stop()
            return None
        # A --once elsewhere may be in a round: wait for it.
        with locks.round(stop=stopping) as held:
            return self.tick() if held else None

    def report_lock_error(self, locks) -> None:
        """A lock that cannot be taken for a reason (database unreachable, file
        not writable), once per reason."""
        if locks.error and locks.error != self.lock_error:
            self.stderr.write(f"Không lấy được khóa của bộ lập lịch: {locks.error}")
            self.stderr.flush()
        self.lock_error = locks.error

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
        else:
            self.say(scheduler.describe(result))
        return result

    def say(self, line: str) -> None:
        if not self.verbosity:
            return
        self.stdout.write(line)
        # Under `make run` or systemd the output is a pipe; show each line as it
        # happens instead of when the buffer fills.
        self.stdout.flush()
