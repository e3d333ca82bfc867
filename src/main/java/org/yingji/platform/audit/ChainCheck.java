package org.yingji.platform.audit;

/**
 * The result of walking the audit chain.
 *
 * @param ok       true when every row's hash matches its content and its predecessor
 * @param checked  rows examined
 * @param brokenAt id of the first row that fails, or null
 * @param reason   why it fails, in Chinese, or null
 */
public record ChainCheck(boolean ok, long checked, Long brokenAt, String reason) {
}
