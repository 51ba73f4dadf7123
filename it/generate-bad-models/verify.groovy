def log = new File(basedir, 'build.log').text
assert log =~ /models\.yaml:4:5: unknown key 'models\[0\]\.replicaz'\. Fix: Did you mean 'replicas'\?/
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
assert !new File(basedir, 'target/aibrix-chart').exists() : 'nothing half-written'
return true
