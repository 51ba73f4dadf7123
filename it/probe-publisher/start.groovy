// Starts it/probe-publisher/publisher.py for a probe IT and waits until its sockets are bound.
// Called by the ITs' prebuild.groovy: evaluate(new File(repoRoot, 'it/probe-publisher/start.groovy'))
def python = new File('/usr/bin/python3').canExecute() ? '/usr/bin/python3' : 'python3'
def ready = new File(basedir, 'publisher.ready')
ready.delete()
new File(basedir, 'expected.json').delete()
def builder = new ProcessBuilder(python, new File(repoRoot, 'it/probe-publisher/publisher.py').path,
        '--format', publisherFormat, '--port', publisherPort, '--batches', '12',
        '--expected', new File(basedir, 'expected.json').path, '--ready', ready.path)
builder.redirectErrorStream(true)
builder.redirectOutput(new File(basedir, 'publisher.log'))
def process = builder.start()
for (int i = 0; i < 150 && !ready.exists() && process.isAlive(); i++) {
    sleep 100
}
if (!ready.exists()) {
    throw new IllegalStateException('the Python publisher did not start (python3-zmq and python3-msgpack'
            + ' installed?): ' + new File(basedir, 'publisher.log').text)
}
return true
