package io.github.kvchart.aibrix.core.probe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The probe's verdict on an {@link Observation}: the failures (each with a hint), one summary line
 * and the JSON report.
 *
 * @param request what was probed
 * @param seen what arrived
 * @param gateway the AIBrix release the verdict is for (e.g. "AIBrix v0.7.0")
 * @param gatewayReadsMaps whether that release decodes the map wire format
 * @param gatewayReadsArrays whether that release decodes the array wire format (v0.6.0 on)
 */
public record ProbeReport(
    ProbeRequest request,
    Observation seen,
    String gateway,
    boolean gatewayReadsMaps,
    boolean gatewayReadsArrays) {

  /** One reason the probe fails, and what to do about it. */
  public record Failure(String id, String problem, String hint) {}

  public List<Failure> failures() {
    List<Failure> failures = new ArrayList<>();
    long seconds = request.timeout().toSeconds();
    if (seen.batches == 0 && !seen.handshake) {
      failures.add(
          new Failure(
              "unreachable",
              seen.tcpConnected
                  ? request.endpoint()
                      + " accepted a TCP connection but no ZeroMQ publisher answered on it in "
                      + seconds
                      + " s"
                  : "nothing accepted a connection on "
                      + request.endpoint()
                      + " in "
                      + seconds
                      + " s",
              "Check that the pod runs vLLM with --kv-events-config and"
                  + " \"endpoint\":\"tcp://*:5557\" (bind: with any other host vLLM connects"
                  + " out instead of listening), that kubectl port-forward pod/NAME 5557 5558 is"
                  + " running, and that a NetworkPolicy admits the port."));
    } else if (seen.batches == 0) {
      failures.add(
          new Failure(
              "no-batch",
              "connected to " + request.endpoint() + ", but no batch arrived in " + seconds + " s",
              "vLLM publishes only when its KV cache changes: send a request to the model"
                  + " (curl .../v1/completions). Check also that enable_kv_cache_events is true,"
                  + " that prefix caching is on (no --no-enable-prefix-caching), and that the pod"
                  + " carries model.aibrix.ai/kv-events-enabled: \"true\" so the gateway"
                  + " subscribes."));
    }
    for (WireFormat format : WireFormat.values()) {
      long count = seen.batchesByFormat.getOrDefault(format.label(), 0L);
      boolean maps = format == WireFormat.MAPS;
      if (count > 0 && !(maps ? gatewayReadsMaps : gatewayReadsArrays)) {
        failures.add(
            new Failure(
                "wire-format",
                count
                    + " batch(es) came as msgpack "
                    + format.label()
                    + (maps ? " (vLLM after about v0.23); " : ", as vLLM sends them; ")
                    + gateway
                    + (gatewayReadsArrays
                        ? " decodes only arrays"
                        : " decodes only maps of its own layout")
                    + " and drops every one of them",
                maps && gatewayReadsArrays
                    ? "Run a vLLM image up to v0.23 (arrays), or an AIBrix release whose gateway"
                        + " reads maps once there is one (set aibrix-chart.aibrixVersion, and a"
                        + " contract that names it)."
                    : "Upgrade AIBrix to v0.6.0 or later, whose gateway decodes vLLM's arrays"
                        + " (AIBrix #1848), and set aibrix-chart.aibrixVersion to it."));
      }
    }
    if (seen.malformedMessages + seen.malformedPayloads > 0) {
      failures.add(
          new Failure(
              "malformed",
              (seen.malformedMessages + seen.malformedPayloads)
                  + " message(s) were not KV-event batches: "
                  + String.join("; ", seen.malformedExamples),
              "Something other than vLLM's publisher sends on this port, or a proxy mangles"
                  + " it; check what listens on "
                  + request.endpoint()
                  + "."));
    }
    if (seen.undecodableByGateway > 0) {
      failures.add(
          new Failure(
              "gateway-decode",
              seen.undecodableByGateway
                  + " batch(es) would be dropped by the gateway's decoder: "
                  + String.join("; ", seen.gatewayExamples),
              "Use a vLLM release the AIBrix decoder reads (see kv-image-version)."));
    }
    switch (seen.replayStatus) {
      case "missing" ->
          failures.add(
              new Failure(
                  "replay-missing",
                  "no replay answer from "
                      + request.replayEndpoint()
                      + " in "
                      + request.replayTimeout().toSeconds()
                      + " s",
                  "Set \"replay_endpoint\":\"tcp://*:5558\" in --kv-events-config (replay is off"
                      + " unless set), forward port 5558 too, or pass"
                      + " -Daibrix-chart.probe.replayEndpoint=none to skip the check."));
      case "incomplete" ->
          failures.add(
              new Failure(
                  "replay-wrong",
                  seen.replayReplies + " replay answer(s) but no end marker (sequence -1)",
                  "The replay socket must be vLLM's ROUTER on 5558; check what listens there."));
      case "wrong" ->
          failures.add(
              new Failure(
                  "replay-wrong",
                  "the replay did not match what was published: "
                      + String.join("; ", seen.replayProblems),
                  "The replay socket must be vLLM's ROUTER on 5558 for this very pod; with"
                      + " data parallelism each rank's ports are offset by its rank."));
      default -> {
        // ok, skipped or not checked
      }
    }
    return failures;
  }

  public boolean passed() {
    return failures().isEmpty();
  }

  /** One line for the log. */
  public String summary() {
    StringBuilder line = new StringBuilder("Probe ").append(request.endpoint()).append(": ");
    if (seen.batches == 0) {
      line.append(seen.handshake ? "connected, no batch" : "not connected");
    } else {
      line.append(
          String.format(
              "%d batches, %d events (%s) in %.1f s, first after %.1f s; format %s; topic %s;"
                  + " rank %s; block size %s",
              seen.batches,
              seen.events,
              seen.eventsByKind.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")),
              seen.elapsedMillis / 1000.0,
              seen.firstBatchMillis / 1000.0,
              String.join("+", seen.batchesByFormat.keySet()),
              seen.topics.stream().map(t -> "'" + t + "'").collect(Collectors.joining(",")),
              seen.ranks.isEmpty() ? "none" : seen.ranks,
              seen.blockSizes.isEmpty() ? "-" : seen.blockSizes));
      if (seen.gaps > 0) {
        line.append("; ")
            .append(seen.missedBatches)
            .append(" batch(es) missed in ")
            .append(seen.gaps)
            .append(" gap(s)");
      }
      if (seen.resets > 0) {
        line.append("; sequence reset ").append(seen.resets).append("x (the pod restarted)");
      }
    }
    if (seen.reconnects() > 0) {
      line.append("; reconnected ").append(seen.reconnects()).append("x");
    }
    line.append("; replay ").append(seen.replayStatus);
    if (seen.replayReplies > 0) {
      line.append(" (")
          .append(seen.replayMatched)
          .append(" of ")
          .append(seen.replayReplies)
          .append(" answers compared equal)");
    }
    List<Failure> failures = failures();
    line.append(failures.isEmpty() ? ". OK" : ". FAILED: " + failures.size() + " problem(s)");
    return line.toString();
  }

  /** The JSON report (probe.json). */
  public String json() {
    ObjectNode root = Json.object();
    root.put("endpoint", request.endpoint());
    root.put("passed", passed());
    ObjectNode connection = root.putObject("connection");
    connection.put("tcpConnected", seen.tcpConnected);
    connection.put("zeromqHandshake", seen.handshake);
    connection.put("reconnects", seen.reconnects());
    connection.put("disconnects", seen.disconnects);
    root.put("elapsedMillis", seen.elapsedMillis);
    if (seen.firstBatchMillis >= 0) {
      root.put("firstBatchMillis", seen.firstBatchMillis);
    } else {
      root.putNull("firstBatchMillis");
    }
    root.put("batches", seen.batches);
    root.put("events", seen.events);
    root.put("payloadBytes", seen.payloadBytes);
    ObjectNode kinds = root.putObject("eventsByKind");
    seen.eventsByKind.forEach(kinds::put);
    ObjectNode formats = root.putObject("batchesByFormat");
    seen.batchesByFormat.forEach(formats::put);
    ObjectNode gatewayNode = root.putObject("gateway");
    gatewayNode.put("release", gateway);
    gatewayNode.put("readsMaps", gatewayReadsMaps);
    gatewayNode.put("readsArrays", gatewayReadsArrays);
    gatewayNode.put("undecodableBatches", seen.undecodableByGateway);
    strings(root.putArray("topics"), seen.topics);
    ArrayNode ranks = root.putArray("dataParallelRanks");
    seen.ranks.forEach(ranks::add);
    root.put("batchWithoutRank", seen.batchWithoutRank);
    ArrayNode sizes = root.putArray("blockSizes");
    seen.blockSizes.forEach(sizes::add);
    ObjectNode hashes = root.putObject("blockHashes");
    hashes.put("int", seen.intHashes);
    hashes.put("bytes", seen.byteHashes);
    ObjectNode sequence = root.putObject("sequence");
    putLong(sequence, "first", seen.firstSequence);
    putLong(sequence, "last", seen.lastSequence);
    sequence.put("gaps", seen.gaps);
    sequence.put("missedBatches", seen.missedBatches);
    sequence.put("resets", seen.resets);
    ObjectNode bad = root.putObject("malformed");
    bad.put("messages", seen.malformedMessages);
    bad.put("payloads", seen.malformedPayloads);
    strings(bad.putArray("examples"), seen.malformedExamples);
    ObjectNode replay = root.putObject("replay");
    if (request.replayEndpoint() == null) {
      replay.putNull("endpoint");
    } else {
      replay.put("endpoint", request.replayEndpoint());
    }
    replay.put("status", seen.replayStatus);
    putLong(replay, "from", seen.replayFrom < 0 ? null : seen.replayFrom);
    replay.put("replies", seen.replayReplies);
    replay.put("matched", seen.replayMatched);
    replay.put("mismatched", seen.replayMismatched);
    replay.put("missing", seen.replayMissing);
    replay.put("endMarker", seen.replayEndMarker);
    strings(replay.putArray("problems"), seen.replayProblems);
    ArrayNode failed = root.putArray("failures");
    for (Failure failure : failures()) {
      ObjectNode node = failed.addObject();
      node.put("id", failure.id());
      node.put("problem", failure.problem());
      node.put("hint", failure.hint());
    }
    return Json.pretty(root) + "\n";
  }

  private static void strings(ArrayNode into, java.util.Collection<String> values) {
    values.forEach(into::add);
  }

  private static void putLong(ObjectNode node, String key, Long value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
