# DiffusionEscape. Everything is built in release with testing enabled: the statistical
# tests run millions of SDE steps and are ~30× slower in a debug build, and one set of
# flags for build, test and run means nothing is compiled twice. `-target-cpu native` lets
# the fast engine's SIMD lanes use the machine's vector units (AVX2 here; with the x86-64
# baseline's SSE2 a prototype of the lane loop ran at about half the speed); Swift never
# contracts a·b + c into an FMA, so every number is the same as with the baseline build.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing -Xswiftc -target-cpu -Xswiftc native
BIN := .build/release

.PHONY: all deps build test reproduce reproduce-quick bench slurm-check clean

all: build

deps:
	bash scripts/bootstrap.sh

build: deps
	swift build $(SWIFT_FLAGS)

# The main job: the built-in demonstration, tables into notebooks-data/.
reproduce: build
	$(BIN)/escape reproduce

reproduce-quick: build
	$(BIN)/escape reproduce --quick

# `swift test` after a plain `swift build` recompiles every module (its build description
# differs), so the tests build once, tool and test bundle together, and then run as built.
test: deps
	swift build $(SWIFT_FLAGS) --build-tests
	swift test $(SWIFT_FLAGS) --skip-build

# Benchmark: our default and fast engines against C + GSL and numpy, memory, and a callgrind
# profile of one step; rewrites docs/performance.md (≈ 20 min: the profiled build ≈ 10, the runs ≈ 7). The profile uses the same code
# built with debug info serialised into the modules, so that code inlined across modules
# keeps its source lines, and for haswell (AVX2) instead of the native CPU: valgrind 3.19
# stops with "Illegal instruction" on AVX-512 code, which `native` emits on AVX-512 machines.
PROFILE_FLAGS := -c release -Xswiftc -g -Xswiftc -Xfrontend -Xswiftc -experimental-serialize-debug-info -Xswiftc -target-cpu -Xswiftc haswell --scratch-path .build/profile
bench: build
	swift build $(PROFILE_FLAGS) --product EscapeBenchmarks
	PROFILED_BINARY=.build/profile/release/EscapeBenchmarks bash bench/run.sh

# A real Slurm run (not part of CI; root): a one-node cluster on this machine runs a sweep as
# a job array of shards, merges them, and checks the merge equals the unsharded table.
slurm-check: build
	bash scripts/slurm-local.sh

clean:
	rm -rf .build bench/bin
