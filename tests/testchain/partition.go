package testchain

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
)

// Partition routes every P2P connection between one node and the others of
// a Network through loopback TCP proxies that the test can cut and heal,
// while all processes keep running: a network partition without network
// namespaces or firewall rules.
//
// The other nodes reach the cut node through one proxy; the cut node reaches
// each other node through a proxy of its own. Peer exchange is switched off
// on every node, so no node learns a direct address that would bypass them.
type Partition struct {
	Node  *Node
	links []*link
}

// Isolatable writes the config.toml of every node (none may be running) so
// that node i's links go through proxies, and starts the proxies (healed).
// Connections among the other nodes stay direct.
func (nw *Network) Isolatable(t testing.TB, i int) *Partition {
	t.Helper()
	base := FreeBasePort(t, 10)
	cut := nw.Nodes[i]
	p := &Partition{Node: cut}
	ids := make([]string, len(nw.Nodes))
	for j, n := range nw.Nodes {
		if n.IsRunning() {
			t.Fatalf("Isolatable: %s is running", n.Name())
		}
		ids[j] = n.NodeID(t)
	}
	proxied := func(k int) string { // a new proxy to node k
		l := newLink(t, base+len(p.links), fmt.Sprintf("127.0.0.1:%d", nw.Nodes[k].P2PPort()))
		p.links = append(p.links, l)
		return fmt.Sprintf("%s@%s", ids[k], l.addr)
	}
	toCut := proxied(i)
	for j, n := range nw.Nodes {
		var peers []string
		for k := range nw.Nodes {
			switch {
			case k == j:
			case j == i:
				peers = append(peers, proxied(k))
			case k == i:
				peers = append(peers, toCut)
			default:
				peers = append(peers, fmt.Sprintf("%s@127.0.0.1:%d", ids[k], nw.Nodes[k].P2PPort()))
			}
		}
		n.SetConfig(t, "config.toml", "p2p", "persistent_peers", fmt.Sprintf("%q", strings.Join(peers, ",")))
		n.SetConfig(t, "config.toml", "p2p", "pex", "false")
	}
	t.Cleanup(func() {
		for _, l := range p.links {
			l.close()
		}
	})
	return p
}

// Cut closes every connection between the node and the others and refuses
// new ones until Heal.
func (p *Partition) Cut() {
	for _, l := range p.links {
		l.setCut(true)
	}
}

// Heal lets connections through again; CometBFT redials persistent peers
// (every 5 s for the first 20 attempts, then with exponential back-off, so
// keep cuts under a minute and a half).
func (p *Partition) Heal() {
	for _, l := range p.links {
		l.setCut(false)
	}
}

// link is one TCP proxy from a loopback port to a node's P2P port.
type link struct {
	addr   string
	target string
	ln     net.Listener

	mu    sync.Mutex
	cut   bool
	conns map[net.Conn]struct{}
}

func newLink(t testing.TB, port int, target string) *link {
	t.Helper()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	l := &link{addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	go l.serve()
	return l
}

func (l *link) serve() {
	for {
		in, err := l.ln.Accept()
		if err != nil {
			return // closed
		}
		go l.forward(in)
	}
}

func (l *link) forward(in net.Conn) {
	if !l.track(in) {
		_ = in.Close()
		return
	}
	out, err := net.Dial("tcp", l.target)
	if err != nil || !l.track(out) {
		if out != nil {
			_ = out.Close()
		}
		l.drop(in)
		return
	}
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) { _, _ = io.Copy(dst, src); done <- struct{}{} }
	go pipe(out, in)
	go pipe(in, out)
	<-done // one side ended: end both
	l.drop(in)
	l.drop(out)
	<-done
}

// track registers a connection; it refuses it while the link is cut.
func (l *link) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cut {
		return false
	}
	l.conns[c] = struct{}{}
	return true
}

func (l *link) drop(c net.Conn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
	_ = c.Close()
}

func (l *link) setCut(cut bool) {
	l.mu.Lock()
	l.cut = cut
	var open []net.Conn
	if cut {
		for c := range l.conns {
			open = append(open, c)
		}
		l.conns = map[net.Conn]struct{}{}
	}
	l.mu.Unlock()
	for _, c := range open {
		_ = c.Close()
	}
}

func (l *link) close() {
	_ = l.ln.Close()
	l.setCut(true)
}

// Peers returns how many peers the node is connected to (/net_info).
func (n *Node) Peers() (int, error) {
	var res struct {
		NPeers string `json:"n_peers"`
	}
	if err := n.RPCGet("net_info", &res); err != nil {
		return 0, err
	}
	var p int
	_, err := fmt.Sscan(res.NPeers, &p)
	return p, err
}
