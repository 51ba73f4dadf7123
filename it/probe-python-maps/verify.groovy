def probe = evaluate(new File(repoRoot, 'it/probe-publisher/agree.groovy'))
assert probe.passed == false
assert probe.failures*.id == ['wire-format']
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] wire-format: 12 batch(es) came as msgpack maps')
assert log.contains('AIBrix v0.7.0 decodes only arrays')
assert log.contains('hint: Run a vLLM image up to v0.23')
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
return true
