publisherFormat = 'maps'
publisherPort = '25567'
evaluate(new File(repoRoot, 'it/probe-publisher/start.groovy'))
