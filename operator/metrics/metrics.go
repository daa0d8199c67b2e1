// Package metrics holds the operator agent's Prometheus metrics, on a
// registry of its own (served at /metrics of the agent's listen address).
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Roles are the values of the role label, in the order of the announce package.
var Roles = []string{"idle", "next", "active", "leaving"}

// Metrics are the agent's collectors.
type Metrics struct {
	Registry       *prometheus.Registry
	ProbesSent     *prometheus.CounterVec
	ProbesAnswered *prometheus.CounterVec
	AnsweredShare  *prometheus.GaugeVec
	Submitted      prometheus.Counter
	Failed         prometheus.Counter
	Confirmed      prometheus.Counter
	Role           *prometheus.GaugeVec
	Cycle          prometheus.Gauge
	Height         prometheus.Gauge
	ChainErrors    prometheus.Counter
}

// New registers every collector on a fresh registry.
func New() *Metrics {
	const ns = "xmtpd_operator"
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		ProbesSent: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "probes_sent_total",
			Help: "Health probes sent, per peer (owner address)."}, []string{"peer"}),
		ProbesAnswered: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "probes_answered_total",
			Help: "Health probes answered with 2xx, per peer."}, []string{"peer"}),
		AnsweredShare: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "peer_uptime_bps",
			Help: "Answered share of the current cycle's probes, per peer, in basis points."}, []string{"peer"}),
		Submitted: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "attestations_submitted_total",
			Help: "Attestation transactions accepted into the mempool."}),
		Failed: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "attestations_failed_total",
			Help: "Attestation attempts that failed (signing, CheckTx, not included before their timeout height)."}),
		Confirmed: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "attestations_confirmed_total",
			Help: "Cycles whose attestation the chain holds."}),
		Role: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "role",
			Help: "1 for the operator's current role (idle, next, active, leaving), 0 for the others."}, []string{"role"}),
		Cycle: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "cycle",
			Help: "The chain's current cycle."}),
		Height: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "chain_height",
			Help: "The node's latest committed height."}),
		ChainErrors: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "chain_errors_total",
			Help: "Failed requests to the node (it is retried at the next poll)."}),
	}
	m.Registry.MustRegister(m.ProbesSent, m.ProbesAnswered, m.AnsweredShare, m.Submitted, m.Failed, m.Confirmed,
		m.Role, m.Cycle, m.Height, m.ChainErrors, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SetRole sets the role gauge to 1 for role and 0 for the others.
func (m *Metrics) SetRole(role string) {
	for _, r := range Roles {
		v := 0.0
		if r == role {
			v = 1
		}
		m.Role.WithLabelValues(r).Set(v)
	}
}
