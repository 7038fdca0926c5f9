#!/usr/bin/env python3
"""Aggregates the process-test-coverage reports of every test class into one figure per model:
flow nodes and sequence flows covered by at least one test. Usage: coverage.py [min_percent]"""
import glob
import json
import sys
import xml.etree.ElementTree as ET

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
FLOW_NODE_TAGS = {"startEvent", "endEvent", "task", "serviceTask", "userTask", "scriptTask", "sendTask",
                  "receiveTask", "businessRuleTask", "manualTask", "callActivity", "subProcess",
                  "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
                  "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}

models, covered = {}, {}
for path in glob.glob("target/process-test-coverage/*/report.json"):
    with open(path) as f:
        report = json.load(f)
    for model in report.get("models", []):
        models[model["key"]] = model["xml"]
    for suite in report.get("suites", []):
        for run in suite.get("runs", []):
            for event in run.get("events", []):
                covered.setdefault(event["modelKey"], set()).add((event["source"], event["definitionKey"]))

minimum = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
failed = False
for key in sorted(models):
    root = ET.fromstring(models[key])
    nodes = {e.get("id") for e in root.iter() if e.tag.startswith(BPMN) and e.tag[len(BPMN):] in FLOW_NODE_TAGS}
    flows = {e.get("id") for e in root.iter(BPMN + "sequenceFlow")}
    hit = covered.get(key, set())
    hit_nodes = {k for s, k in hit if s == "FLOW_NODE"} & nodes
    hit_flows = {k for s, k in hit if s == "SEQUENCE_FLOW"} & flows
    total = 100.0 * (len(hit_nodes) + len(hit_flows)) / max(1, len(nodes) + len(flows))
    print(f"{key}: flow nodes {len(hit_nodes)}/{len(nodes)}, sequence flows {len(hit_flows)}/{len(flows)}, "
          f"total {total:.1f}%")
    missing = sorted((nodes - hit_nodes) | (flows - hit_flows))
    if missing:
        print(f"  not covered: {', '.join(missing)}")
    if total < minimum:
        failed = True
if not models:
    print("no process coverage report found under target/process-test-coverage")
sys.exit(1 if failed else 0)
