package io.github.kvchart.aibrix.core.release;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body reader that keeps at most {@code limit} bytes and then stops reading (the rest of
 * an endless or huge answer is never buffered).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(int limit) {
    this.limit = limit;
  }

  static HttpResponse.BodySubscriber<byte[]> subscriber(int limit) {
    return new CappedBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription given) {
    subscription = given;
    given.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), limit - bytes.size());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      bytes.write(chunk, 0, take);
    }
    if (bytes.size() >= limit) {
      subscription.cancel();
      result.complete(bytes.toByteArray());
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.complete(bytes.toByteArray());
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
