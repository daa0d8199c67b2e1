package registry

import "sync"

// mailbox is one subscriber's channel: capacity one, written only by the
// registry's refresher, never blocking it. A value the subscriber has not
// read yet is merged with the next one (merge), so a slow reader misses no
// node, it gets them in fewer messages.
type mailbox[T any] struct {
	ch    chan T
	merge func(old, new T) T
}

func newMailbox[T any](merge func(old, new T) T) *mailbox[T] {
	return &mailbox[T]{ch: make(chan T, 1), merge: merge}
}

// put delivers v; only one goroutine calls it, so after the drain the
// buffer is free and the send cannot block.
func (m *mailbox[T]) put(v T) {
	select {
	case old := <-m.ch:
		v = m.merge(old, v)
	default:
	}
	m.ch <- v
}

// latest keeps the newest value (a changed node: its last state is what counts).
func latest[T any](_, v T) T { return v }

// union merges two node lists by NodeID, the newer value winning.
func union(old, v []Node) []Node {
	seen := make(map[uint32]int, len(old)+len(v))
	out := make([]Node, 0, len(old)+len(v))
	for _, list := range [][]Node{old, v} {
		for _, n := range list {
			if i, ok := seen[n.NodeID]; ok {
				out[i] = n
				continue
			}
			seen[n.NodeID] = len(out)
			out = append(out, n)
		}
	}
	return out
}

// subscribers are the mailboxes of every kind of subscription.
type subscribers struct {
	mu      sync.Mutex
	closed  bool
	added   []*mailbox[[]Node]
	removed []*mailbox[[]Node]
	lists   []*mailbox[[]Node]
	changed map[uint32][]*mailbox[Node]
}

// closeAll closes every channel; called once the refresher has stopped.
func (s *subscribers) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for _, group := range [][]*mailbox[[]Node]{s.added, s.removed, s.lists} {
		for _, m := range group {
			close(m.ch)
		}
	}
	for _, ms := range s.changed {
		for _, m := range ms {
			close(m.ch)
		}
	}
}

// listBox registers a node-list mailbox in *group; after Stop it returns a
// closed channel.
func (s *subscribers) listBox(group *[]*mailbox[[]Node]) <-chan []Node {
	m := newMailbox(union)
	if group == &s.lists {
		m = newMailbox(latest[[]Node])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		close(m.ch)
		return m.ch
	}
	*group = append(*group, m)
	return m.ch
}

func (s *subscribers) nodeBox(id uint32) <-chan Node {
	m := newMailbox(latest[Node])
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		close(m.ch)
		return m.ch
	}
	if s.changed == nil {
		s.changed = map[uint32][]*mailbox[Node]{}
	}
	s.changed[id] = append(s.changed[id], m)
	return m.ch
}

// publish hands one refresh's differences to the subscribers.
// newCycle sends the list even when no node changed.
func (s *subscribers) publish(added, removed []Node, changed []Node, list []Node, newCycle bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if len(added) > 0 {
		for _, m := range s.added {
			m.put(added)
		}
	}
	if len(removed) > 0 {
		for _, m := range s.removed {
			m.put(removed)
		}
	}
	for _, n := range changed {
		for _, m := range s.changed[n.NodeID] {
			m.put(n)
		}
	}
	if newCycle || len(added)+len(removed)+len(changed) > 0 {
		for _, m := range s.lists {
			m.put(list)
		}
	}
}

// publishList sends the whole list alone (the first read).
func (s *subscribers) publishList(list []Node) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	for _, m := range s.lists {
		m.put(list)
	}
}
