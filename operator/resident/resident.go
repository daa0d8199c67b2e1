// Package resident keeps the operator agent's resident memory small. The
// agent is a long-running process of the xmtpd binary, which links the whole
// chain; it runs beside an XMTP node and needs little memory itself:
//
//   - Tune lowers the Go runtime's heap growth (GOGC 50 instead of 100) and sets
//     a soft memory limit of DefaultMemoryLimit, each unless the operator set
//     GOGC or GOMEMLIMIT in the environment;
//   - Release, called at every cycle boundary, returns freed heap pages to the
//     kernel.
//
// It does not drop the executable's mapped pages: that would only lower the
// RSS figure (the pages stay in the page cache and come back on the next
// access), not the memory the agent needs. The agent's binary is made small
// instead (cmd/xmtpd-operator links no app).
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

// Release returns freed heap memory to the kernel.
func Release() {
	debug.FreeOSMemory()
}
