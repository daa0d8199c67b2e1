package upgrades

// SystemTestName is the upgrade that only a binary built with
// `-tags systemtest` can apply; a release binary halts at its height. The
// system tests (tests/system) use it to upgrade a running network.
const SystemTestName = "systemtest-v2"

// SystemTestMaxQueueScan is the x/nodeselection max_queue_scan that the
// system-test upgrade's data migration sets, so a test can see that it ran.
const SystemTestMaxQueueScan = 1234
