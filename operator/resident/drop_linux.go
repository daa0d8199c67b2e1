package resident

import (
	"bufio"
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// dropExecutablePages calls madvise(MADV_DONTNEED) on the mappings of the
// running executable that hold its code and read-only data exactly as they
// are in the file: read-only private mappings whose file range lies in no
// writable segment and no GNU_RELRO segment (the loader writes relocations
// there before it makes them read-only, so their pages differ from the file).
// The next access to a dropped page maps the same bytes back from the page
// cache. Data, bss, the heap and every other file are left alone.
func dropExecutablePages() (uint64, error) {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return 0, err
	}
	keep, err := modifiedFileRanges("/proc/self/exe")
	if err != nil {
		return 0, err
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0, err
	}
	ranges, err := droppableRanges(maps, exe, keep)
	if err != nil {
		return 0, err
	}
	var dropped uint64
	for _, r := range ranges {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(r.start), uintptr(r.end-r.start), syscall.MADV_DONTNEED); errno != 0 {
			return dropped, fmt.Errorf("madvise %#x-%#x: %w", r.start, r.end, errno)
		}
		dropped += r.end - r.start
	}
	return dropped, nil
}

// span is a range [start, end) of addresses or file offsets.
type span struct{ start, end uint64 }

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

// modifiedFileRanges are the file ranges of the ELF file's writable and
// GNU_RELRO segments, widened to whole pages.
func modifiedFileRanges(path string) ([]span, error) {
	f, err := elf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	page := uint64(os.Getpagesize())
	var out []span
	for _, p := range f.Progs {
		if p.Type == elf.PT_GNU_RELRO || (p.Type == elf.PT_LOAD && p.Flags&elf.PF_W != 0) {
			out = append(out, span{p.Off &^ (page - 1), (p.Off + p.Filesz + page - 1) &^ (page - 1)})
		}
	}
	return out, nil
}

// droppableRanges parses /proc/self/maps and returns the address ranges of
// the read-only private mappings of path whose file range overlaps none of keep.
func droppableRanges(maps []byte, path string, keep []span) ([]span, error) {
	var out []span
	sc := bufio.NewScanner(bytes.NewReader(maps))
next:
	for sc.Scan() {
		// 00400000-00402000 r--p 00000000 fe:00 1234   /path/to/exe
		f := strings.Fields(sc.Text())
		if len(f) < 6 || strings.Join(f[5:], " ") != path {
			continue
		}
		if perms := f[1]; len(perms) != 4 || perms[0] != 'r' || perms[1] == 'w' || perms[3] != 'p' {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		off, err3 := strconv.ParseUint(f[2], 16, 64)
		if !ok || err1 != nil || err2 != nil || err3 != nil || end <= start {
			return nil, fmt.Errorf("/proc/self/maps line %q", sc.Text())
		}
		file := span{off, off + end - start}
		for _, k := range keep {
			if file.overlaps(k) {
				continue next
			}
		}
		out = append(out, span{start, end})
	}
	return out, sc.Err()
}
