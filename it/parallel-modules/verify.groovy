def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4')
['a', 'b', 'c', 'd'].each { m ->
  assert new File(basedir, "fleet-${m}/target/charts/aibrix-model-1.0.0.tgz").isFile()
  assert new File(basedir, "fleet-${m}/target/aibrix-chart/helm/aibrix-model/values.yaml").text.contains("name: model-${m}-one")
}
assert (log =~ /Validated 55 documents in 6 files: 0 errors, 0 warnings/).count == 4
assert !log.contains('is not thread-safe')
return true
