// The probe's probe.json must agree with what the Python publisher says it sent.
import groovy.json.JsonSlurper

def expected = new JsonSlurper().parse(new File(basedir, 'expected.json'))
def probe = new JsonSlurper().parse(new File(basedir, 'target/aibrix-chart-reports/probe.json'))
assert probe.batches == expected.batches
assert probe.events == expected.events
assert probe.eventsByKind == expected.eventsByKind
assert probe.batchesByFormat == [(expected.format): expected.batches]
assert probe.topics == [expected.topic]
assert probe.dataParallelRanks == [expected.rank]
assert probe.blockSizes == [expected.blockSize]
assert probe.blockHashes == expected.blockHashes
assert probe.sequence.first == 0 && probe.sequence.last == expected.batches - 1
assert probe.sequence.gaps == 0 && probe.sequence.resets == 0
assert probe.malformed.messages == 0 && probe.malformed.payloads == 0
assert probe.replay.status == 'ok'
assert probe.replay.replies == expected.batches
assert probe.replay.matched == expected.batches
return probe
