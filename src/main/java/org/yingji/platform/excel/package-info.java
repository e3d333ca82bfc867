/** Excel import templates and streaming reading of uploaded sheets, shared by every module that imports. */
package org.yingji.platform.excel;
