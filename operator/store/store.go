// Package store keeps what the operator agent must not lose in a restart: the
// probe counts of each cycle it served and the marker of each attestation it
// sent. Every change is written at once, atomically (temporary file, fsync,
// rename), one JSON file per cycle.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Status of a cycle's attestation.
const (
	StatusOpen      = ""          // counting, or not yet attested
	StatusPending   = "pending"   // a transaction is out, not yet seen in a block
	StatusConfirmed = "confirmed" // the chain holds this operator's attestation for the cycle
	StatusAbandoned = "abandoned" // the chain no longer accepts it (cycle settled, not a member, nothing measured)
)

// Peer is the tally of one peer in one cycle.
type Peer struct {
	Probes   uint64 `json:"probes"`
	Answered uint64 `json:"answered"`
	// Work is the increase of the peer's work counter during the cycle.
	Work uint64 `json:"work"`
	// WorkLast is the counter's last reading; WorkSeen is false before the first.
	WorkLast uint64 `json:"work_last"`
	WorkSeen bool   `json:"work_seen"`
}

// Cycle is everything kept about one cycle.
type Cycle struct {
	Cycle  uint64           `json:"cycle"`
	Peers  map[string]*Peer `json:"peers"`
	Status string           `json:"status"`
	// TxHash is the last transaction sent for the cycle (pending or confirmed).
	TxHash string `json:"tx_hash,omitempty"`
	// TimeoutHeight is the last height at which TxHash can still be included.
	TimeoutHeight int64 `json:"timeout_height,omitempty"`
	// TxBytes is the signed transaction of TxHash, re-broadcast (same hash)
	// while it is pending, so a crash between writing and sending loses nothing.
	TxBytes []byte `json:"tx_bytes,omitempty"`
	// Attempts counts the transactions signed for the cycle.
	Attempts int `json:"attempts,omitempty"`
	// Note says why the cycle was confirmed or abandoned.
	Note string `json:"note,omitempty"`
}

// Store is a directory of cycle files.
type Store struct {
	dir string
	mu  sync.Mutex
}

// Open creates the directory if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("state dir %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

// Dir is the state directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) path(c uint64) string { return filepath.Join(s.dir, fmt.Sprintf("cycle-%d.json", c)) }

// Get returns the stored cycle, or an empty open one.
func (s *Store) Get(c uint64) (*Cycle, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get(c)
}

func (s *Store) get(c uint64) (*Cycle, error) {
	b, err := os.ReadFile(s.path(c))
	if errors.Is(err, os.ErrNotExist) {
		return &Cycle{Cycle: c, Peers: map[string]*Peer{}}, nil
	} else if err != nil {
		return nil, err
	}
	var cy Cycle
	if err := json.Unmarshal(b, &cy); err != nil {
		return nil, fmt.Errorf("%s: %w", s.path(c), err)
	}
	if cy.Peers == nil {
		cy.Peers = map[string]*Peer{}
	}
	return &cy, nil
}

// Update reads cycle c, applies fn and writes the result atomically.
func (s *Store) Update(c uint64, fn func(*Cycle) error) (*Cycle, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cy, err := s.get(c)
	if err != nil {
		return nil, err
	}
	if err := fn(cy); err != nil {
		return nil, err
	}
	return cy, s.write(cy)
}

func (s *Store) write(cy *Cycle) error {
	b, err := json.MarshalIndent(cy, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(s.path(cy.Cycle), b)
}

// Cycles lists the stored cycle numbers, lowest first.
func (s *Store) Cycles() ([]uint64, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var out []uint64
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "cycle-") || !strings.HasSuffix(name, ".json") {
			continue
		}
		c, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(name, "cycle-"), ".json"), 10, 64)
		if err == nil {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// Prune deletes the files of finished cycles below keepFrom.
func (s *Store) Prune(keepFrom uint64) error {
	cycles, err := s.Cycles()
	if err != nil {
		return err
	}
	for _, c := range cycles {
		if c >= keepFrom {
			break
		}
		cy, err := s.Get(c)
		if err != nil || (cy.Status != StatusConfirmed && cy.Status != StatusAbandoned) {
			continue
		}
		if err := os.Remove(s.path(c)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// WriteFileAtomic writes b to path so that a reader (or a restart after a
// crash) sees either the old or the new content, never a part.
func WriteFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
