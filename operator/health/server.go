package health

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xmtp/xmtpd-chain/operator/prober"
)

// WorkMetric is the counter the server exposes at /metrics: the requests it
// answered, per asking operator (the prober's X-Xmtp-Operator header) — a real
// count the localnet agents use as their work-unit source.
const WorkMetric = "xmtp_node_envelopes_served_total"

// Serve answers GET path with 200 "ok" over TLS (certFile, keyFile) on listen
// until ctx ends; /metrics is served over the same listener.
func Serve(ctx context.Context, listen, path, certFile, keyFile string) error {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return fmt.Errorf("load certificate: %w", err)
	}
	reg := prometheus.NewRegistry()
	served := prometheus.NewCounterVec(prometheus.CounterOpts{Name: WorkMetric,
		Help: "Requests answered, per asking operator."}, []string{"operator"})
	reg.MustRegister(served)
	mux := http.NewServeMux()
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if op := r.Header.Get(prober.HeaderOperator); op != "" {
			served.WithLabelValues(op).Inc()
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
