# Drops the files below the given folders from the page cache (posix_fadvise DONTNEED), so that
# the next reader reads them from the disk: the code benchmark's "cold disk" runs. Needs no
# privileges (unlike /proc/sys/vm/drop_caches); pages of files open for writing may stay.
#
#   python3 scripts/bench/evict.py DIR...    prints the number of files evicted
import os
import sys

count = 0
for top in sys.argv[1:]:
    for root, dirs, files in os.walk(top):
        for name in files:
            try:
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            except OSError:
                pass
            finally:
                os.close(fd)
print(count)
