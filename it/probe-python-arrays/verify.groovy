def probe = evaluate(new File(repoRoot, 'it/probe-publisher/agree.groovy'))
assert probe.passed == true
def log = new File(basedir, 'build.log').text
assert log =~ /Probe tcp:\/\/127.0.0.1:25557: 12 batches, \d+ events .* format arrays; .*\. OK/
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
return true
