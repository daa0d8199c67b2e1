// Package cli is the command tree of the operator agent, `xmtpd operator`
// in the xmtpd binary and the whole of the xmtpd-operator binary
// (cmd/xmtpd-operator): start, health-server and gen-tls. It does not import
// the app: the agent's codecs know the account, key and tx types and
// x/nodeselection's messages, nothing else (ClientContext).
package cli

import (
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cosmos/cosmos-sdk/client"

	"github.com/xmtp/xmtpd-chain/operator/agent"
	"github.com/xmtp/xmtpd-chain/operator/config"
	"github.com/xmtp/xmtpd-chain/operator/health"
	"github.com/xmtp/xmtpd-chain/operator/resident"
)

// Short is the one-line description of the operator command tree.
const Short = "The operator agent: heartbeats, attestations and announce-ahead for one node operator"

// Command is `xmtpd operator`: the operator agent and its localnet helpers.
func Command() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "operator",
		Short: Short,
		RunE:  client.ValidateCmd,
	}
	AddCommands(cmd)
	return cmd
}

// AddCommands adds start, health-server and gen-tls to cmd.
func AddCommands(cmd *cobra.Command) {
	cmd.AddCommand(operatorStartCmd(), healthServerCmd(), genTLSCmd())
}

// operatorFlags maps each flag to its config field; a flag given on the
// command line wins over the config file.
func operatorFlags(fs *pflag.FlagSet) func(*config.Config) {
	d := config.Default()
	s := map[string]*string{}
	str := func(name, def, usage string) { s[name] = fs.String(name, def, usage) }
	str("node-rpc", d.NodeRPC, "CometBFT RPC of a node of the chain")
	str("node-grpc", d.NodeGRPC, "gRPC address of the same node")
	str("chain-id", "", "chain id the transactions are signed for")
	str("operator", "", "owner address of the operator (default: the signer key's address)")
	str("signer-key", "", "name of the signing key (the operator's signer hot key, or its owner key)")
	str("keyring-backend", d.KeyringBackend, "keyring backend: os, file or test")
	str("keyring-dir", "", "keyring directory")
	str("fee-granter", "", "address whose x/feegrant allowance pays the fees")
	str("fees", "", "fee per transaction, e.g. 2000uxmtp")
	str("health-path", d.HealthPath, "path probed on each peer's registered endpoint")
	str("ca-file", "", "PEM bundle that verifies the peers' TLS certificates (default: system roots)")
	str("work-url", "", "Prometheus endpoint of the local XMTP node (empty: work units are 0)")
	str("work-metric", d.WorkMetric, "counter family of work-url, one sample per peer")
	str("work-label", d.WorkLabel, "label of work-metric holding the peer's owner address")
	str("state-dir", d.StateDir, "directory for probe counts, submission markers and status.json")
	str("hook", "", "command run on each role change with the role (next, active, leaving, idle) as argument")
	str("listen", d.StatusListen, "local address of /status and /metrics")
	dur := map[string]*time.Duration{}
	du := func(name string, def time.Duration, usage string) { dur[name] = fs.Duration(name, def, usage) }
	du("probe-interval", d.ProbeInterval.Duration, "time between two probe rounds")
	du("probe-timeout", d.ProbeTimeout.Duration, "timeout of one probe")
	du("jitter", d.Jitter.Duration, "longest random delay of an attestation after a boundary")
	du("chain-poll", d.ChainPoll.Duration, "time between two looks at the chain")
	timeoutBlocks := fs.Int64("timeout-blocks", d.TimeoutBlocks, "blocks a submitted transaction may wait for inclusion")
	return func(c *config.Config) {
		set := func(name string, field *string) {
			if fs.Changed(name) {
				*field = *s[name]
			}
		}
		set("node-rpc", &c.NodeRPC)
		set("node-grpc", &c.NodeGRPC)
		set("chain-id", &c.ChainID)
		set("operator", &c.Operator)
		set("signer-key", &c.SignerKey)
		set("keyring-backend", &c.KeyringBackend)
		set("keyring-dir", &c.KeyringDir)
		set("fee-granter", &c.FeeGranter)
		set("fees", &c.Fees)
		set("health-path", &c.HealthPath)
		set("ca-file", &c.CAFile)
		set("work-url", &c.WorkURL)
		set("work-metric", &c.WorkMetric)
		set("work-label", &c.WorkLabel)
		set("state-dir", &c.StateDir)
		set("hook", &c.Hook)
		set("listen", &c.StatusListen)
		setD := func(name string, field *config.Duration) {
			if fs.Changed(name) {
				field.Duration = *dur[name]
			}
		}
		setD("probe-interval", &c.ProbeInterval)
		setD("probe-timeout", &c.ProbeTimeout)
		setD("jitter", &c.Jitter)
		setD("chain-poll", &c.ChainPoll)
		if fs.Changed("timeout-blocks") {
			c.TimeoutBlocks = *timeoutBlocks
		}
	}
}

func operatorStartCmd() *cobra.Command {
	var cfgFile string
	var apply func(*config.Config)
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Run the operator agent: probe the other members, attest every cycle, announce the role",
		Long: `Follows the chain through a node (RPC and gRPC), probes every other member of the
active set over HTTPS while this operator serves, submits one MsgSubmitAttestation
per cycle after its boundary (uptime_bps = 10000 * answered / probes), and tells
the local XMTP node its role (next, active, leaving, idle) through status.json in
the state directory, GET /status and a hook command. Prometheus metrics at /metrics.
Settings come from --config (TOML, keys as in the flags with underscores) and
flags, flags winning.`,
		Example: `xmtpd operator start --config operator.toml
xmtpd operator start --chain-id xmtp-1 --signer-key hot --keyring-backend file \
  --keyring-dir ~/.xmtpd-agent --fee-granter xmtp1owner... --state-dir ~/.xmtpd-agent/state`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SilenceUsage = true // a config or connection error is not a usage error
			cfg, err := config.Load(cfgFile)
			if err != nil {
				return err
			}
			apply(&cfg)
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelInfo}))
			gcPercent, memLimit := resident.Tune()
			log.Info("go runtime", "gogc", gcPercent, "gomemlimit_mib", memLimit>>20)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return agent.Start(ctx, ClientContext(), cfg, log)
		},
	}
	cmd.Flags().StringVar(&cfgFile, "config", "", "TOML config file")
	apply = operatorFlags(cmd.Flags())
	return cmd
}

func healthServerCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:    "health-server",
		Short:  "Serve a TLS health endpoint (localnet stand-in for an XMTP node)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			listen, _ := f.GetString("listen")
			path, _ := f.GetString("health-path")
			dir, _ := f.GetString("tls-dir")
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			cmd.PrintErrf("health server on https://%s%s\n", listen, path)
			return health.Serve(ctx, listen, path, dir+"/"+health.CertFile, dir+"/"+health.KeyFile)
		},
	}
	cmd.Flags().String("listen", "127.0.0.1:5050", "listen address")
	cmd.Flags().String("health-path", "/health", "path answered with 200")
	cmd.Flags().String("tls-dir", "./tls", "directory with server.pem and server-key.pem (see gen-tls)")
	return cmd
}

func genTLSCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "gen-tls [dir]",
		Short:   "Write a self-signed CA (ca.pem) and a server certificate signed by it (server.pem, server-key.pem)",
		Hidden:  true,
		Args:    cobra.ExactArgs(1),
		Example: "xmtpd operator gen-tls .localnet/tls --hosts 127.0.0.1,localhost",
		RunE: func(cmd *cobra.Command, args []string) error {
			hosts, _ := cmd.Flags().GetString("hosts")
			if err := health.GenerateTLS(args[0], strings.Split(hosts, ","), 365*24*time.Hour); err != nil {
				return err
			}
			cmd.Printf("wrote %s/{%s,%s,%s}\n", args[0], health.CAFile, health.CertFile, health.KeyFile)
			return nil
		},
	}
	cmd.Flags().String("hosts", "127.0.0.1,localhost", "comma-separated IPs and DNS names of the certificate")
	return cmd
}
