package testchain

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cmtcfg "github.com/cometbft/cometbft/config"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
)

// FromHome wraps a home that a test wrote itself with the CLI (`xmtpd init`,
// keys, genesis) as a one-node Network on free loopback ports: it rewrites
// config.toml, app.toml and client.toml for those ports and keeps the keys and
// genesis. Nothing is started; every node is stopped when the test ends.
func FromHome(t testing.TB, bin, home, chainID string) *Network {
	t.Helper()
	nw := &Network{T: t, Dir: filepath.Dir(home), ChainID: chainID, BasePort: FreeBasePort(t, 10)}
	n := newNode(nw, 0, home, bin)
	nw.writeConfigs(t, n, nil)
	nw.Nodes = []*Node{n}
	t.Cleanup(nw.StopAll)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s log tail:\n%s", home, n.LogTail(6000))
		}
	})
	return nw
}

// writeConfigs writes the node's config.toml (its loopback ports, the given
// persistent peers), app.toml (zero gas price, API, gRPC, telemetry) and
// client.toml (chain id, test keyring, its RPC).
func (nw *Network) writeConfigs(t testing.TB, n *Node, peers []string) {
	t.Helper()
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(n.Home)
	cfg.Moniker = n.Name()
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", n.P2PPort())
	cfg.P2P.PersistentPeers = strings.Join(peers, ",")
	cfg.P2P.AddrBookStrict = false
	cfg.P2P.AllowDuplicateIP = true
	cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", n.RPCPort())
	cfg.ProxyApp = fmt.Sprintf("tcp://127.0.0.1:%d", n.base+2)
	cfg.Instrumentation.PrometheusListenAddr = fmt.Sprintf("127.0.0.1:%d", n.base+5)
	cmtcfg.WriteConfigFile(filepath.Join(n.Home, "config", "config.toml"), cfg)
	appCfg := serverconfig.DefaultConfig()
	appCfg.MinGasPrices = "0uxmtp"
	appCfg.API.Enable = true
	appCfg.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", n.APIPort())
	appCfg.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", n.GRPCPort())
	appCfg.Telemetry.Enabled = true
	appCfg.Telemetry.PrometheusRetentionTime = 60
	serverconfig.SetConfigTemplate(serverconfig.DefaultConfigTemplate)
	serverconfig.WriteConfigFile(filepath.Join(n.Home, "config", "app.toml"), appCfg)
	client := fmt.Sprintf("chain-id = %q\nkeyring-backend = \"test\"\noutput = \"text\"\nnode = \"tcp://127.0.0.1:%d\"\nbroadcast-mode = \"sync\"\n",
		nw.ChainID, n.RPCPort())
	if err := os.WriteFile(filepath.Join(n.Home, "config", "client.toml"), []byte(client), 0o644); err != nil {
		t.Fatal(err)
	}
}
