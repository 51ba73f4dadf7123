def log = new File(basedir, 'build.log').text
// Envoy (requests) and the controller manager (autoscaler metrics) are cut; the gateway plugins,
// admitted by a named port and a port range, are not.
assert log =~ /k8s\/model\.yaml:44:3: error \[netpol-traffic\] NetworkPolicy 'only-gateway' cut the Envoy proxies \(namespace envoy-gateway-system, pods \{app\.kubernetes\.io\/component: proxy, app\.kubernetes\.io\/name: envoy\}\) off port 8000 of Deployment 'llama' \(inference requests\)/
assert log =~ /error \[netpol-traffic\] NetworkPolicy 'only-gateway' cut the AIBrix controller manager \(namespace aibrix-system, pods \{app\.kubernetes\.io\/component: aibrix-controller-manager\}\) off port 8000 .*the autoscaler reads 0 and scales the model down/
assert !(log =~ /netpol-traffic\] [^\n]*the gateway plugins/) : 'the gateway plugins get through'
assert log.contains('Validated 3 documents in 1 files: 2 errors, 0 warnings')
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
return true
