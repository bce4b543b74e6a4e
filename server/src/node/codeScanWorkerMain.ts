// A worker entry for scan pools outside the CLI bundle (tests, other hosts): runs the scan worker.

import { runCodeScanWorker } from "./codeScanWorker";

void runCodeScanWorker();
