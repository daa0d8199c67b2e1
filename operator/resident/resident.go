// Package resident keeps the operator agent's resident memory small. The
// agent is a long-running process of the xmtpd binary, which links the whole
// chain; it runs beside an XMTP node and needs little memory itself:
//
//   - Tune lowers the Go runtime's heap growth (GOGC 50 instead of 100) and sets
//     a soft memory limit of DefaultMemoryLimit, each unless the operator set
//     GOGC or GOMEMLIMIT in the environment;
//   - Release, called at every cycle boundary, returns freed heap pages to the
//     kernel and (on Linux) unmaps the pages of the executable's code and
//     read-only data that the process touched since the last call. Start-up
//     runs the init functions of every linked package, which map most of a
//     190 MB binary into the process; the agent's loop then uses a small part
//     of it, mapped back on demand from the page cache (the pages stay cached
//     and shared with any other xmtpd process; nothing is read from disk again
//     unless the kernel dropped them under memory pressure).
package resident

import (
	"os"
	"runtime/debug"
)

// DefaultMemoryLimit is the agent's soft memory limit (runtime/debug.SetMemoryLimit)
// when GOMEMLIMIT is not set: the Go runtime collects harder as its memory
// approaches it. It is not a cap: above it the agent keeps working, with more
// GC (the runtime bounds GC to about half the CPU).
const DefaultMemoryLimit = 40 << 20

// DefaultGCPercent is the agent's GOGC when the environment sets none: the heap
// may grow by half its live size between two collections.
const DefaultGCPercent = 50

// Tune applies DefaultGCPercent and DefaultMemoryLimit unless GOGC or
// GOMEMLIMIT are set in the environment, and returns what is in effect.
func Tune() (gcPercent int, memoryLimit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(DefaultGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
	gcPercent = debug.SetGCPercent(-1)
	debug.SetGCPercent(gcPercent)
	return gcPercent, debug.SetMemoryLimit(-1)
}

// Release returns freed memory to the kernel and drops the mappings of the
// executable's read-only pages (Linux; elsewhere only the former). It returns
// how many bytes of mappings it dropped.
func Release() (dropped uint64, err error) {
	debug.FreeOSMemory()
	return dropExecutablePages()
}
