// Package config is the operator agent's configuration: a TOML file, then
// command-line flags over it, validated once at start.
package config

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
)

// Config is everything `xmtpd operator start` needs.
type Config struct {
	// NodeRPC is the CometBFT RPC of a node of the chain (tcp://host:26657).
	NodeRPC string `toml:"node_rpc"`
	// NodeGRPC is the gRPC address of the same node (host:9090).
	NodeGRPC string `toml:"node_grpc"`
	// ChainID is the chain id the transactions are signed for.
	ChainID string `toml:"chain_id"`
	// Operator is the owner address of the operator this agent works for
	// (empty: the signer key's address, when the owner key signs).
	Operator string `toml:"operator"`
	// SignerKey is the name of the signing key (the operator's signer hot key or its owner).
	SignerKey string `toml:"signer_key"`
	// KeyringBackend is the keyring backend (os, file, test).
	KeyringBackend string `toml:"keyring_backend"`
	// KeyringDir is the directory that holds the keyring.
	KeyringDir string `toml:"keyring_dir"`
	// FeeGranter pays the fees of the agent's transactions through x/feegrant (optional).
	FeeGranter string `toml:"fee_granter"`
	// Fees is a fixed fee per transaction (e.g. "2000uxmtp"; empty: no fee).
	Fees string `toml:"fees"`
	// GasAdjustment multiplies the simulated gas.
	GasAdjustment float64 `toml:"gas_adjustment"`
	// HealthPath is appended to each peer's registered endpoint.
	HealthPath string `toml:"health_path"`
	// ProbeInterval is the time between two probe rounds.
	ProbeInterval Duration `toml:"probe_interval"`
	// ProbeTimeout is the timeout of one probe.
	ProbeTimeout Duration `toml:"probe_timeout"`
	// CAFile is a PEM bundle that verifies the peers' TLS certificates (empty: the system roots).
	CAFile string `toml:"ca_file"`
	// WorkURL is the local XMTP node's Prometheus endpoint (empty: work units are zero).
	WorkURL string `toml:"work_url"`
	// WorkMetric is the counter family read from WorkURL.
	WorkMetric string `toml:"work_metric"`
	// WorkLabel is the label of WorkMetric whose value is the peer's owner address.
	WorkLabel string `toml:"work_label"`
	// StateDir keeps probe counts and submission markers across restarts.
	StateDir string `toml:"state_dir"`
	// Hook is a command run on each role change, with the role as its argument.
	Hook string `toml:"hook"`
	// StatusListen is the local HTTP address of /status (announce-ahead) and /metrics.
	StatusListen string `toml:"listen"`
	// Jitter is the longest random delay before an attestation after a boundary.
	Jitter Duration `toml:"jitter"`
	// ChainPoll is the time between two looks at the chain.
	ChainPoll Duration `toml:"chain_poll"`
	// TimeoutBlocks is how many blocks a submitted transaction may wait for inclusion.
	TimeoutBlocks int64 `toml:"timeout_blocks"`
}

// Duration is a time.Duration written as "15s" in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes a Go duration.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Default returns the defaults of every field.
func Default() Config {
	return Config{
		NodeRPC:        "tcp://127.0.0.1:26657",
		NodeGRPC:       "127.0.0.1:9090",
		KeyringBackend: "os",
		GasAdjustment:  1.5,
		HealthPath:     "/health",
		ProbeInterval:  Duration{30 * time.Second},
		ProbeTimeout:   Duration{5 * time.Second},
		WorkMetric:     "xmtp_node_envelopes_served_total",
		WorkLabel:      "operator",
		StateDir:       "./operator-state",
		StatusListen:   "127.0.0.1:9470",
		Jitter:         Duration{time.Minute},
		ChainPoll:      Duration{2 * time.Second},
		TimeoutBlocks:  20,
	}
}

// Load reads a TOML file over the defaults (unknown keys are an error).
func Load(path string) (Config, error) {
	c := Default()
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	dec := toml.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// Validate names the first field that is wrong and what is allowed.
func (c Config) Validate() error {
	switch {
	case c.NodeRPC == "":
		return fmt.Errorf("node_rpc must be set (e.g. tcp://127.0.0.1:26657)")
	case c.NodeGRPC == "":
		return fmt.Errorf("node_grpc must be set (e.g. 127.0.0.1:9090)")
	case c.ChainID == "":
		return fmt.Errorf("chain_id must be set")
	case c.SignerKey == "":
		return fmt.Errorf("signer_key must name a key of the keyring")
	case c.KeyringBackend != "os" && c.KeyringBackend != "file" && c.KeyringBackend != "test" && c.KeyringBackend != "memory":
		return fmt.Errorf("keyring_backend %q: must be os, file or test", c.KeyringBackend)
	case !strings.HasPrefix(c.HealthPath, "/"):
		return fmt.Errorf("health_path %q must start with /", c.HealthPath)
	case c.ProbeInterval.Duration < 100*time.Millisecond:
		return fmt.Errorf("probe_interval %s must be at least 100ms", c.ProbeInterval.Duration)
	case c.ProbeTimeout.Duration <= 0 || c.ProbeTimeout.Duration > c.ProbeInterval.Duration:
		return fmt.Errorf("probe_timeout %s must be positive and at most probe_interval %s", c.ProbeTimeout.Duration, c.ProbeInterval.Duration)
	case c.Jitter.Duration < 0:
		return fmt.Errorf("jitter %s must not be negative", c.Jitter.Duration)
	case c.ChainPoll.Duration < 100*time.Millisecond:
		return fmt.Errorf("chain_poll %s must be at least 100ms", c.ChainPoll.Duration)
	case c.StateDir == "":
		return fmt.Errorf("state_dir must be set")
	case c.GasAdjustment < 1:
		return fmt.Errorf("gas_adjustment %v must be at least 1", c.GasAdjustment)
	case c.TimeoutBlocks < 2 || c.TimeoutBlocks > 1000:
		return fmt.Errorf("timeout_blocks %d must be between 2 and 1000", c.TimeoutBlocks)
	}
	if c.WorkURL != "" {
		u, err := url.Parse(c.WorkURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("work_url %q must be an http(s) URL", c.WorkURL)
		}
		if c.WorkMetric == "" || c.WorkLabel == "" {
			return fmt.Errorf("work_metric and work_label must be set when work_url is")
		}
	}
	return nil
}
