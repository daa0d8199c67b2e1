package prober

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// WorkSource reads the local XMTP node's work counter: a Prometheus text
// endpoint whose family Metric has one sample per peer, the peer's owner
// address in label Label.
type WorkSource struct {
	URL, Metric, Label string
	Client             *http.Client
}

// Read returns the counter value of every peer the endpoint names.
func (w WorkSource) Read(ctx context.Context) (map[string]uint64, error) {
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.URL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("work_url %s: status %d", w.URL, resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("work_url %s: %w", w.URL, err)
	}
	out := map[string]uint64{}
	fam, ok := families[w.Metric]
	if !ok {
		return out, nil
	}
	for _, m := range fam.GetMetric() {
		var v float64
		switch {
		case m.GetCounter() != nil:
			v = m.GetCounter().GetValue()
		case m.GetUntyped() != nil:
			v = m.GetUntyped().GetValue()
		case m.GetGauge() != nil:
			v = m.GetGauge().GetValue()
		default:
			continue
		}
		for _, l := range m.GetLabel() {
			if l.GetName() == w.Label && v >= 0 {
				out[l.GetValue()] += uint64(v)
			}
		}
	}
	return out, nil
}
