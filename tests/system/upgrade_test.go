package system

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/upgrades"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// testUpgrade hands the authority from the admin key to x/gov (one
// consensus-params change), passes a MsgSoftwareUpgrade proposal with the
// validators' votes, watches every validator halt at the upgrade height with
// the release binary before IBC (which does not know the upgrade), restarts
// them with the binary that carries the upgrade and checks that its
// migration ran and that IBC was added by it (SPEC 10).
func (s *suite) testUpgrade(t *testing.T) {
	n0 := s.node0()
	s.handOverToGov(t)
	_, err := n0.CLI("query", "auth", "module-account", "transfer", "-o", "json")
	require.Error(t, err, "no ICS-20 transfer module account before the upgrade")

	var before struct {
		ModuleVersions []struct {
			Name    string `json:"name"`
			Version num    `json:"version"`
		} `json:"module_versions"`
	}
	n0.Query(t, &before, "upgrade", "module-versions")

	// ACT 1: propose and vote. The height leaves room for the voting period.
	blockTime := s.blockTime(t)
	upHeight := n0.Height() + int64(math.Ceil(float64(votingPeriod+25*time.Second)/float64(blockTime)))
	n0.Tx(t, s.home0, "admin", "upgrade", "software-upgrade", upgrades.SystemTestName,
		"--upgrade-height", fmt.Sprint(upHeight), "--title", "system test upgrade",
		"--summary", "exercise the upgrade path", "--deposit", "10000000uxmtp", "--no-validate")
	var props struct {
		Proposals []struct {
			ID num `json:"id"`
		} `json:"proposals"`
	}
	n0.Query(t, &props, "gov", "proposals")
	require.NotEmpty(t, props.Proposals)
	id := fmt.Sprint(props.Proposals[len(props.Proposals)-1].ID)
	for _, v := range s.nw.Nodes[:4] {
		n0.Tx(t, v.Home, "validator", "gov", "vote", id, "yes")
	}
	n0.WaitBlocks(t, "proposal "+id+" to pass", int64((votingPeriod+60*time.Second)/time.Second), func() bool {
		var p struct {
			Proposal struct {
				Status string `json:"status"`
			} `json:"proposal"`
		}
		n0.Query(t, &p, "gov", "proposal", id)
		require.NotContains(t, []string{"PROPOSAL_STATUS_REJECTED", "PROPOSAL_STATUS_FAILED"}, p.Proposal.Status)
		time.Sleep(time.Second)
		return p.Proposal.Status == "PROPOSAL_STATUS_PASSED"
	})
	require.Less(t, n0.Height(), upHeight, "the proposal passed before the upgrade height")

	// ASSERT 1: every validator halts at the height, asking for the upgrade.
	needed := fmt.Sprintf("UPGRADE %q NEEDED at height: %d", upgrades.SystemTestName, upHeight)
	validators := s.nw.Nodes[:4]
	testchain.WaitFor(t, "every validator to halt for the upgrade", 3*time.Duration(upHeight-n0.Height()+5)*blockTime+60*time.Second,
		func() bool {
			for _, v := range validators {
				if !v.LogContains(needed) {
					return false
				}
			}
			return true
		})
	for _, v := range validators {
		require.Less(t, v.Height(), upHeight+1, "%s committed nothing past the upgrade height", v.Name())
		info, err := os.ReadFile(filepath.Join(v.Home, "data", "upgrade-info.json"))
		require.NoError(t, err, "%s wrote upgrade-info.json", v.Name())
		var plan struct {
			Name string `json:"name"`
		}
		require.NoError(t, json.Unmarshal(info, &plan))
		require.Equal(t, upgrades.SystemTestName, plan.Name)
	}

	// ACT 2: swap the binary and restart.
	var wg sync.WaitGroup
	for _, v := range validators {
		wg.Add(1)
		go func() { defer wg.Done(); v.Stop() }()
	}
	wg.Wait()
	for _, v := range validators {
		v.Bin = s.upBin
		v.Start(t)
	}
	for _, v := range validators {
		v.WaitHeight(t, upHeight+3, 180*time.Second)
	}

	// ASSERT 2: the handler ran at the height, with its data migration, and
	// the stored module versions are the binary's.
	var applied struct {
		Height num `json:"height"`
	}
	n0.Query(t, &applied, "upgrade", "applied", upgrades.SystemTestName)
	require.Equal(t, uint64(upHeight), uint64(applied.Height))
	require.Equal(t, uint64(1000), s.maxQueueScan(t, upHeight-1), "release value before the upgrade")
	require.Equal(t, uint64(upgrades.SystemTestMaxQueueScan), s.maxQueueScan(t, 0), "the upgrade's migration ran")
	var after struct {
		ModuleVersions []struct {
			Name    string `json:"name"`
			Version num    `json:"version"`
		} `json:"module_versions"`
	}
	n0.Query(t, &after, "upgrade", "module-versions")
	versions := map[string]uint64{}
	for _, m := range after.ModuleVersions {
		versions[m.Name] = uint64(m.Version)
	}
	for _, m := range before.ModuleVersions {
		require.GreaterOrEqual(t, versions[m.Name], uint64(m.Version), "module %s is at the binary's version", m.Name)
		delete(versions, m.Name)
	}
	require.Equal(t, []string{"07-tendermint", "ibc", "ratelimit", "transfer"}, sortedKeys(versions),
		"the upgrade adds exactly the IBC modules")
	s.checkIBCAdded(t)
	s.checkAgreement(t, upHeight-3, n0.Height()-1)
}

// checkIBCAdded checks what the upgrade's store additions and InitGenesis of
// the new modules left: the transfer module account that mints and burns
// vouchers, transfer params enabled, and the rate-limiting and IBC client queries.
func (s *suite) checkIBCAdded(t *testing.T) {
	n0 := s.node0()
	var acct struct {
		Account struct {
			Value struct {
				Name        string   `json:"name"`
				Permissions []string `json:"permissions"`
			} `json:"value"`
		} `json:"account"`
	}
	n0.Query(t, &acct, "auth", "module-account", "transfer")
	require.Equal(t, "transfer", acct.Account.Value.Name)
	require.ElementsMatch(t, []string{"minter", "burner"}, acct.Account.Value.Permissions)
	var tp struct { // the ibc-transfer CLI prints the params themselves
		SendEnabled    bool `json:"send_enabled"`
		ReceiveEnabled bool `json:"receive_enabled"`
	}
	n0.Query(t, &tp, "ibc-transfer", "params")
	require.True(t, tp.SendEnabled && tp.ReceiveEnabled, "ICS-20 transfers enabled")
	var clients struct {
		ClientStates []json.RawMessage `json:"client_states"`
	}
	n0.Query(t, &clients, "ibc", "client", "states")
	require.Empty(t, clients.ClientStates, "IBC answers; no client exists yet")
}

func sortedKeys(m map[string]uint64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// handOverToGov makes x/gov the authority: the admin (the interim authority)
// clears AuthorityParams with one x/consensus MsgUpdateParams.
func (s *suite) handOverToGov(t *testing.T) {
	n0 := s.node0()
	admin := s.nw.KeyAddress(t, "admin")
	unsigned := fmt.Sprintf(`{"body":{"messages":[{"@type":"/cosmos.consensus.v1.MsgUpdateParams","authority":%q,
"block":{"max_bytes":"22020096","max_gas":"100000000"},
"evidence":{"max_age_num_blocks":"100000","max_age_duration":"172800s","max_bytes":"1048576"},
"validator":{"pub_key_types":["ed25519"]},"abci":{"vote_extensions_enable_height":"0"},"auth":{"authority":""}}]},
"auth_info":{"fee":{"amount":[],"gas_limit":"300000"}},"signatures":[]}`, admin)
	dir := t.TempDir()
	unsignedFile, signedFile := filepath.Join(dir, "handover.json"), filepath.Join(dir, "handover.signed.json")
	require.NoError(t, os.WriteFile(unsignedFile, []byte(unsigned), 0o644))
	signed, err := n0.CLI("tx", "sign", unsignedFile, "--from", "admin", "--keyring-backend", "test", "-o", "json")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(signedFile, []byte(signed), 0o644))
	n0.Broadcast(t, s.home0, signedFile)

	var cp struct {
		ConsensusParams struct {
			Authority struct {
				Authority string `json:"authority"`
			} `json:"authority"`
		} `json:"consensus_params"`
	}
	n0.WaitBlocks(t, "the authority to be cleared", 30, func() bool {
		require.NoError(t, n0.RPCGet("consensus_params", &cp))
		return cp.ConsensusParams.Authority.Authority == ""
	})
}

func (s *suite) maxQueueScan(t *testing.T, h int64) uint64 {
	var p struct {
		Params struct {
			MaxQueueScan num `json:"max_queue_scan"`
		} `json:"params"`
	}
	s.node0().Query(t, &p, append([]string{"nodeselection", "params"}, at(h)...)...)
	return uint64(p.Params.MaxQueueScan)
}

// blockTime is the mean block interval over the last 20 blocks.
func (s *suite) blockTime(t *testing.T) time.Duration {
	n0 := s.node0()
	n0.WaitHeight(t, 3, 60*time.Second) // the upgrade subtest may run alone (-run .../SoftwareUpgrade)
	h := n0.Height()
	var res struct {
		BlockMetas []struct {
			Header struct {
				Height string    `json:"height"`
				Time   time.Time `json:"time"`
			} `json:"header"`
		} `json:"block_metas"`
	}
	require.NoError(t, n0.RPCGet(fmt.Sprintf("blockchain?minHeight=%d&maxHeight=%d", max(h-20, 1), h), &res))
	require.GreaterOrEqual(t, len(res.BlockMetas), 2)
	first, last := res.BlockMetas[len(res.BlockMetas)-1].Header, res.BlockMetas[0].Header
	h1, _ := strconv.ParseInt(first.Height, 10, 64)
	h2, _ := strconv.ParseInt(last.Height, 10, 64)
	bt := last.Time.Sub(first.Time) / time.Duration(h2-h1)
	t.Logf("block time %s", bt)
	return max(bt, 500*time.Millisecond)
}
